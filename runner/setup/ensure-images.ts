/**
 * Makes every image the bundled rubrics need exist on the host engine: the
 * real one where a registry answers, else a stand-in built from Debian
 * packages (images/), kept under a name of its own. A stand-in's
 * tag is a hash of its recipe, so an unchanged recipe costs nothing.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execa } from "execa";
import { baseOf, catalog, recipeDir, SANDBOX_RECIPE, sandboxImageName, sandboxImages, STANDIN_BASE, standinLatestName, standinName } from "../sandbox/catalog";
import { askImageEngine, ENGINE_LABEL } from "../sandbox/engine-version";
import { dockerCliEnv, hasImage, hostDocker } from "../sandbox/host-engine";

export interface ImageSetupReport {
  say: (line: string) => void;
}

let registryAnswers: boolean | undefined = process.env.LABGRADE_PULL === "never" ? false : undefined;

/** Tries a pull once; after the first failure, assumes no registry is reachable. */
async function tryPull(name: string, report: ImageSetupReport): Promise<boolean> {
  if (registryAnswers === false) return false;
  const pulled = await execa("docker", ["pull", "-q", name], { env: await dockerCliEnv(), reject: false, timeout: 120_000 });
  registryAnswers = pulled.exitCode === 0;
  if (registryAnswers) report.say(`pulled ${name}`);
  return registryAnswers;
}

/** A Debian base image (its suite is the tag: bookworm, trixie): pulled, or made with debootstrap. */
async function ensureBase(base: string, report: ImageSetupReport): Promise<string> {
  if (await hasImage(await hostDocker(), base)) return base;
  const suite = base.slice(base.lastIndexOf(":") + 1);
  if (await tryPull(`debian:${suite}`, report)) {
    await execa("docker", ["tag", `debian:${suite}`, base], { env: await dockerCliEnv() });
    return base;
  }
  report.say(`building ${base} with debootstrap (about 30 s)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-base-"));
  try {
    await execa("debootstrap", ["--variant=minbase", suite, root, "http://deb.debian.org/debian"]);
    await execa("sh", ["-c", `rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*`, "sh", root]);
    await execa("sh", ["-c", `tar -C "$1" -c . | docker import -c 'CMD ["/bin/bash"]' - "$2"`, "sh", root, base], { env: await dockerCliEnv() });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return base;
}

async function ensureRecipe(recipe: string, report: ImageSetupReport): Promise<void> {
  const name = standinName(recipe);
  const docker = await hostDocker();
  if (await hasImage(docker, name)) return;
  const base = await ensureBase(baseOf(recipe), report);
  report.say(`building ${name} from images/${recipe}`);
  const started = Date.now();
  await execa("docker", ["build", "-q", "--build-arg", `BASE=${base}`, "-t", name, "-t", standinLatestName(recipe), recipeDir(recipe)], {
    env: { ...(await dockerCliEnv()), DOCKER_BUILDKIT: "0" },
  });
  if (recipe === SANDBOX_RECIPE) await labelEngine(name, standinLatestName(recipe));
  report.say(`built ${name} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Labels the sandbox image with its engine's version, so that `labgrade --version` starts no container. */
async function labelEngine(name: string, latest: string): Promise<void> {
  const version = await askImageEngine(name);
  await execa("docker", ["build", "-q", "--label", `${ENGINE_LABEL}=${version}`, "-t", name, "-t", latest, "-"], {
    input: `FROM ${name}\n`,
    env: { ...(await dockerCliEnv()), DOCKER_BUILDKIT: "0" },
  });
}

/** Every image the given lab images need, plus the sandbox image. */
export async function ensureImages(upstreamImages: string[], report: ImageSetupReport): Promise<void> {
  const docker = await hostDocker();
  const needed: string[] = [];
  for (const upstream of sandboxImages(upstreamImages)) {
    if (await hasImage(docker, upstream)) continue;
    if (catalog().images[upstream] && registryAnswers === false) {
      needed.push(upstream);
      continue;
    }
    if (!(await tryPull(upstream, report))) needed.push(upstream);
  }
  // The stand-ins' base is kept even where every image was pulled: ci/Dockerfile builds FROM it.
  await ensureBase(STANDIN_BASE, report);
  await ensureRecipe(SANDBOX_RECIPE, report);
  for (const upstream of needed) {
    const recipe = catalog().images[upstream];
    if (!recipe) throw new Error(`No registry answers and there is no stand-in recipe for ${upstream} in images/stand-ins.yaml.`);
    await ensureRecipe(recipe, report);
  }
  if (!(await hasImage(docker, sandboxImageName()))) throw new Error(`the sandbox image ${sandboxImageName()} is missing after setup`);
}
