/** Defaults, as an author would write them: the schema shows them, the loader converts them like any value. */
export const DEFAULTS = {
  language: "en",
  submissionTimeout: "300s",
  gradingTimeout: "15m",
  output: "1MiB",
  memory: "2GiB",
  cpus: 2,
  pids: 2048,
  network: "isolated",
  retryInterval: "1s",
} as const;
