import type { Grader } from "../types";

/** Whether a grader's check, with this spec, only reads the sandbox's state (meta.readsOnly). */
export function readsOnly(grader: Grader | undefined, spec: unknown): boolean {
  const flag = grader?.meta.readsOnly;
  return typeof flag === "function" ? flag(spec) : flag === true;
}
