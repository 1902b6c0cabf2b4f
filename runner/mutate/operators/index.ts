/** Every mutation operator, in the order their mutants are listed. */
import { hardcodeArgs, hardcodePage, hardcodePrune } from "./hardcode";
import { anonymousVolume, bindMount, dropMount, dropReadOnly } from "./mounts";
import { renameNotRecreate } from "./recreate";
import { changePort, dropEnv, dropNetwork, dropRm } from "./run-options";
import type { Operator } from "./types";
import { skipVolumeCreate } from "./volume-create";
import { skipWait } from "./wait";
import { writeInContainer } from "./write-in-container";

export const OPERATORS: readonly Operator[] = [
  dropMount,
  bindMount,
  anonymousVolume,
  dropReadOnly,
  writeInContainer,
  changePort,
  dropEnv,
  dropRm,
  dropNetwork,
  skipVolumeCreate,
  renameNotRecreate,
  skipWait,
  hardcodeArgs,
  hardcodePage,
  hardcodePrune,
];

export type { Mutation, Operator, RubricHints } from "./types";
