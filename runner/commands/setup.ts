/**
 * `labgrade setup` (`npm run setup`): an engine that answers, every image the
 * bundled rubrics need, and their seeds. Idempotent; quiet when all is there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { execa } from "execa";
import type { Io } from "../io";
import { REPO_ROOT } from "../paths";
import { ensureSeed } from "../sandbox/seed";
import { ensureImages } from "../setup/ensure-images";
import { SandboxUnavailableError } from "../errors";
import { removeLeftovers } from "../leftovers";

/** The images each bundled rubric names; setup needs no validation to know them. */
function bundledImageSets(): string[][] {
  const dir = path.join(REPO_ROOT, "rubrics");
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => ((yaml.load(fs.readFileSync(path.join(dir, name), "utf8")) as { images?: string[] }).images ?? []));
}

export async function setupCommand(io: Io): Promise<number> {
  const engine = await execa("bash", [path.join(REPO_ROOT, "ci", "setup-engine.sh")], { stdout: "inherit", stderr: "inherit", reject: false });
  if (engine.exitCode !== 0) throw new SandboxUnavailableError("No Docker engine could be started; see the messages above.");
  const sets = bundledImageSets();
  await ensureImages(sets.flat(), { say: (line) => io.out(`labgrade: ${line}`) });
  await removeLeftovers(io, { quiet: true });
  for (const images of sets) {
    const started = Date.now();
    const seed = await ensureSeed(images);
    if (Date.now() - started > 2_000) io.out(`labgrade: seeded image store ${seed.key} (${images.join(", ")})`);
  }
  return 0;
}
