/**
 * `labgrade classroom50 autograder --rubric R --out DIR`: the folder an instructor commits
 * as <classroom>/autograders/<assignment>/ in a Classroom 50 repository. It holds
 * autograder.py (templates/classroom50/), the labgrade package it installs (this
 * labgrade, packed, unless --package names another tarball or a URL) and the rubric,
 * unless it is a bundled one: everything pinned, nothing fetched but npm's dependencies.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { execa } from "execa";
import { parseScale } from "../classroom50-files";
import { UsageError } from "../errors";
import type { Io } from "../io";
import { looksLikePath, packageVersion, REPO_ROOT } from "../paths";
import { loadOrRefuse } from "../rubric/load-or-refuse";
import type { AutograderArgs } from "./classroom50.cli";

const TEMPLATE = path.join(REPO_ROOT, "templates", "classroom50", "autograder.py");
const CONFIG_LINE = "CONFIG = {}  # labgrade:config";
/** runner.py refuses a bundle larger than this (MAX_FETCH_BYTES). */
const BUNDLE_LIMIT = 10 * 1024 * 1024;

export interface AutograderConfig {
  version: string;
  package: string;
  rubric: string;
  scale: number | null;
}

/** autograder.py with its configuration in place: a JSON string is a Python string literal too. */
export function autograderScript(config: AutograderConfig): string {
  const template = fs.readFileSync(TEMPLATE, "utf8");
  if (!template.includes(CONFIG_LINE)) throw new Error(`${TEMPLATE} lacks the line ${CONFIG_LINE}`);
  return template.replace(CONFIG_LINE, `CONFIG = json.loads(${JSON.stringify(JSON.stringify(config))})`);
}

const isUrl = (spec: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) || spec.startsWith("git+");

/** This labgrade as npm installs it: `npm pack` of its own package folder. */
async function packSelf(out: string): Promise<string> {
  const packed = await execa("npm", ["pack", REPO_ROOT, "--pack-destination", out, "--ignore-scripts", "--json", "--loglevel=error"], { reject: false });
  if (packed.exitCode !== 0) throw new UsageError(`npm pack of labgrade failed: ${packed.stderr.trim() || packed.stdout.trim()}. Give a tarball with --package.`);
  return (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename;
}

async function packageFor(spec: string | undefined, out: string): Promise<string> {
  if (spec === undefined) return packSelf(out);
  if (isUrl(spec)) return spec;
  if (!fs.existsSync(spec) || !fs.statSync(spec).isFile()) throw new UsageError(`--package ${spec}: no such file; give a tarball of labgrade (npm pack) or a URL`);
  const name = path.basename(spec);
  if (path.resolve(spec) !== path.resolve(out, name)) fs.copyFileSync(spec, path.join(out, name));
  return name;
}

function sizeOf(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
}

export async function classroom50AutograderCommand(args: AutograderArgs, io: Io): Promise<number> {
  const rubric = await loadOrRefuse(args.rubric);
  const scale = args.scale === undefined ? null : parseScale(args.scale);
  fs.mkdirSync(args.out, { recursive: true });
  // A bundled rubric is in the package already; any other travels in the folder.
  const bundled = !looksLikePath(args.rubric) && !fs.existsSync(args.rubric);
  let rubricRef = args.rubric;
  if (!bundled) {
    rubricRef = `${rubric.id}.yaml`;
    fs.copyFileSync(rubric.file, path.join(args.out, rubricRef));
  }
  const config: AutograderConfig = {
    version: packageVersion(),
    package: await packageFor(args.package, args.out),
    rubric: rubricRef,
    scale,
  };
  const script = path.join(args.out, "autograder.py");
  fs.writeFileSync(script, autograderScript(config), { encoding: "utf8", mode: 0o755 });
  const files = fs.readdirSync(args.out).sort();
  io.out(`Wrote ${args.out}: ${files.join(", ")} (rubric ${rubric.id}, labgrade ${config.version} from ${config.package}).`);
  io.out(`Commit it as <classroom>/autograders/<assignment>/ in your classroom50 repository.`);
  if (sizeOf(args.out) > BUNDLE_LIMIT) io.err(`labgrade: ${args.out} holds more than 10 MB, which Classroom 50's runner refuses to fetch; give --package a URL instead.`);
  return 0;
}
