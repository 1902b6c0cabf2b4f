/** Every command, in the order `labgrade --help` lists them. */
import { batch } from "./batch.cli";
import { check } from "./check.cli";
import { classroom50 } from "./classroom50.cli";
import { clean } from "./clean.cli";
import { draft } from "./draft.cli";
import type { Command } from "./command";
import { explain } from "./explain.cli";
import { grade } from "./grade.cli";
import { images } from "./images.cli";
import { merge } from "./merge.cli";
import { mutate } from "./mutate.cli";
import { schema } from "./schema.cli";
import { setup } from "./setup.cli";
import { shell } from "./shell.cli";
import { validate } from "./validate.cli";

export const COMMANDS: readonly Command[] = [grade, batch, merge, check, shell, classroom50, draft, validate, explain, mutate, schema, images, setup, clean];
