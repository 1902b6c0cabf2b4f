/**
 * Diagnostics for people running labgrade (which mode ran, timings), on
 * stderr and only when LABGRADE_DEBUG is set or `--verbose` was given.
 * Graders never log; the engine and the sandbox do.
 */
let verbose = Boolean(process.env.LABGRADE_DEBUG);

export function setVerbose(on: boolean): void {
  verbose = on;
}

export function log(message: string): void {
  if (verbose) process.stderr.write(`labgrade: ${message}\n`);
}
