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
  rm: boolean;
  name?: string;
  image?: string;
}

// Options that take no value; every other option takes one (unless written --opt=value).
const SHORT_FLAGS = new Set(["d", "i", "t", "P", "q"]);
const LONG_FLAGS = new Set(["rm", "detach", "interactive", "tty", "privileged", "read-only", "init", "no-healthcheck", "publish-all", "oom-kill-disable", "quiet", "help"]);

function volumeMount(value: string): RunMount {
  const [source, destination = "", options = ""] = value.split(":");
  return { source, destination, readOnly: options.split(",").includes("ro") };
}

function mountOption(value: string): RunMount {
  const fields = new Map(value.split(",").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [pair, "true"] : [pair.slice(0, eq), pair.slice(eq + 1)];
  }));
  const get = (...keys: string[]) => keys.map((k) => fields.get(k)).find((v) => v !== undefined);
  const readOnly = get("readonly", "ro");
  return { source: get("source", "src") ?? "", destination: get("target", "destination", "dst") ?? "", readOnly: readOnly !== undefined && readOnly !== "false" && readOnly !== "0" };
}

/** The command's options as [name, value] pairs, and the first positional (the image). */
function options(args: string[]): { pairs: [string, string | undefined][]; image?: string } {
  const pairs: [string, string | undefined][] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") return { pairs, image: args[i + 1] };
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) pairs.push([name, arg.slice(eq + 1)]);
      else if (LONG_FLAGS.has(name)) pairs.push([name, undefined]);
      else pairs.push([name, args[++i]]);
    } else if (arg.startsWith("-") && arg.length > 1) {
      // Combined short flags (-dit), possibly ending with one that takes a value (-itv x, -vx).
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (SHORT_FLAGS.has(flag)) {
          pairs.push([flag, undefined]);
          continue;
        }
        const rest = arg.slice(j + 1);
        pairs.push([flag, rest !== "" ? rest : args[++i]]);
        break;
      }
    } else {
      return { pairs, image: arg };
    }
  }
  return { pairs };
}

/** Parses a logged command; undefined when it does not start a container. */
export function parseRun(argv: string[]): ParsedRun | undefined {
  const start = argv[0] === "container" ? 1 : 0;
  if (argv[start] !== "run" && argv[start] !== "create") return undefined;
  const { pairs, image } = options(argv.slice(start + 1));
  const mounts: RunMount[] = [];
  let rm = false;
  let name: string | undefined;
  for (const [key, value] of pairs) {
    if ((key === "v" || key === "volume") && value) mounts.push(volumeMount(value));
    else if (key === "mount" && value) mounts.push(mountOption(value));
    else if (key === "rm") rm = true;
    else if (key === "name") name = value;
  }
  return { argv, mounts, rm, name, image };
}

/** Splits the shim's log: arguments separated by NUL, commands by RS. */
export function parseCommandLog(log: string): string[][] {
  return log
    .split("\x1e")
    .filter((record) => record.length > 0)
    .map((record) => record.split("\0").slice(0, -1));
}
