/**
 * The registry of graders, sorted by type. Adding a check or action type means
 * adding one file beside this one and one line here.
 */
import type { Grader } from "./types";
import { all } from "./all";
import { container } from "./container";
import { exec } from "./exec";
import { file } from "./file";
import { http } from "./http";
import { image } from "./image";
import { recreate } from "./recreate";
import { restart } from "./restart";
import { script } from "./script";
import { sql } from "./sql";
import { tcp } from "./tcp";
import { volume } from "./volume";

export const graders: Readonly<Record<string, Grader>> = {
  all,
  container,
  exec,
  file,
  http,
  image,
  recreate,
  restart,
  script,
  sql,
  tcp,
  volume,
};

export function graderFor(type: string): Grader | undefined {
  return Object.prototype.hasOwnProperty.call(graders, type) ? graders[type] : undefined;
}
