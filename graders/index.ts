/**
 * The registry of graders, sorted by type. Adding a check or action type means
 * adding one file beside this one and one line here.
 */
import type { Grader } from "./types";
import { allOf } from "./all";
import { archive } from "./archive";
import { command } from "./command";
import { container } from "./container";
import { dockerRun } from "./docker-run";
import { exec } from "./exec";
import { file } from "./file";
import { http } from "./http";
import { image } from "./image";
import { network } from "./network";
import { recreate } from "./recreate";
import { restart } from "./restart";
import { script } from "./script";
import { seedVolume } from "./seed-volume";
import { sql } from "./sql";
import { tcp } from "./tcp";
import { volume } from "./volume";
import { volumeContent } from "./volume-content";
import { writeFile } from "./write-file";

export const graders: Readonly<Record<string, Grader>> = {
  all: allOf(graderFor),
  archive,
  command,
  container,
  "docker-run": dockerRun,
  exec,
  file,
  http,
  image,
  network,
  recreate,
  restart,
  script,
  "seed-volume": seedVolume,
  sql,
  tcp,
  volume,
  "volume-content": volumeContent,
  "write-file": writeFile,
};

export function graderFor(type: string): Grader | undefined {
  return Object.prototype.hasOwnProperty.call(graders, type) ? graders[type] : undefined;
}

/** Whether a grader's check, with this spec, only reads the sandbox's state. */
export { readsOnly } from "./support/reads-only";
