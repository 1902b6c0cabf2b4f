/**
 * Reads what matters to graders from a logged `docker run` (or `docker
 * container run`, `docker create`) command line: its mounts, --rm, its name
 * and its image.
 */
export interface RunMount {
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ParsedRun {
  argv: string[];
  mounts: RunMount[];
  /** The -p/--publish values as written: 8080:80, 127.0.0.1:5432:5432/tcp, 80. */
  publish: string[];
  rm: boolean;
  name?: string;
  image?: string;
}

// Options that take no value; every other option takes one (unless written --opt=value).
const SHORT_FLAGS = new Set(["d", "i", "t", "P", "q"]);
const LONG_FLAGS = new Set(["rm", "detach", "interactive", "tty", "privileged", "read-only", "init", "no-healthcheck", "publish-all", "oom-kill-disable", "quiet", "help"]);

export function volumeMount(value: string): RunMount {
  const [source, destination = "", options = ""] = value.split(":");
  return { source, destination, readOnly: options.split(",").includes("ro") };
}

export function mountOption(value: string): RunMount {
  const fields = new Map(value.split(",").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair, "true"] : [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  const get = (...keys: string[]) => keys.map((k) => fields.get(k)).find((v) => v !== undefined);
  const readOnly = get("readonly", "ro");
  return { source: get("source", "src") ?? "", destination: get("target", "destination", "dst") ?? "", readOnly: readOnly !== undefined && readOnly !== "false" && readOnly !== "0" };
}

/** One option of a run's command line: its name, its value, and the arguments it spans. */
export interface RunOption {
  name: string;
  value?: string;
  /** Index of its first argument, and one past its last. */
  from: number;
  to: number;
  /** Written among combined short flags (-dv x): it has no arguments of its own. */
  combined: boolean;
}

/** The options of a run's arguments (those after `run`), and the index of the first positional (the image). */
export function runOptions(args: string[]): { options: RunOption[]; imageIndex?: number } {
  const found: RunOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const from = i;
    if (arg === "--") return { options: found, imageIndex: i + 1 < args.length ? i + 1 : undefined };
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const value = eq >= 0 ? arg.slice(eq + 1) : LONG_FLAGS.has(name) ? undefined : args[++i];
      found.push({ name, value, from, to: i + 1, combined: false });
    } else if (arg.startsWith("-") && arg.length > 1) {
      // Combined short flags (-dit), possibly ending with one that takes a value (-itv x, -vx).
      const single = arg.length === 2;
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (SHORT_FLAGS.has(flag)) {
          found.push({ name: flag, value: undefined, from, to: i + 1, combined: !single });
          continue;
        }
        const rest = arg.slice(j + 1);
        const value = rest !== "" ? rest : args[++i];
        found.push({ name: flag, value, from, to: i + 1, combined: j > 1 });
        break;
      }
    } else {
      return { options: found, imageIndex: i };
    }
  }
  return { options: found };
}

/** Parses a logged command; undefined when it does not start a container. */
export function parseRun(argv: string[]): ParsedRun | undefined {
  const start = argv[0] === "container" ? 1 : 0;
  if (argv[start] !== "run" && argv[start] !== "create") return undefined;
  const args = argv.slice(start + 1);
  const { options, imageIndex } = runOptions(args);
  const image = imageIndex === undefined ? undefined : args[imageIndex];
  const mounts: RunMount[] = [];
  const publish: string[] = [];
  let rm = false;
  let name: string | undefined;
  for (const { name: key, value } of options) {
    if ((key === "v" || key === "volume") && value) mounts.push(volumeMount(value));
    else if (key === "mount" && value) mounts.push(mountOption(value));
    else if ((key === "p" || key === "publish") && value) publish.push(value);
    else if (key === "rm") rm = true;
    else if (key === "name") name = value;
  }
  return { argv, mounts, publish, rm, name, image };
}

/** Splits the shim's log: arguments separated by NUL, commands by RS. */
export function parseCommandLog(log: string): string[][] {
  return log
    .split("\x1e")
    .filter((record) => record.length > 0)
    .map((record) => record.split("\0").slice(0, -1));
}
