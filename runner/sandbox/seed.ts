/**
 * Seeded data-roots: a rubric's images loaded once into a Docker data
 * directory by a dockerd that was then stopped. Each sandbox clones one
 * (hard links for layers), so provisioning costs next to nothing whatever the
 * images' size. A seed is keyed by the images' ids and the sandbox image's,
 * so rubrics with the same images share one and a changed image makes a new one.
 */
import { createHash, randomBytes } from "node:crypto";
import { SandboxUnavailableError } from "../errors";
import { log } from "../log";
import { sandboxImageName, sourcesFor } from "./catalog";
import { startDind } from "./dind";
import { hostDocker } from "./host-engine";
import { transferImages, type ResolvedImage } from "./image-transfer";
import { runStoreTool, STORE_VOLUME } from "./image-store";

export interface Seed {
  key: string;
  images: ResolvedImage[];
}

/** The host image for each image a lab uses, and the sandbox image's id; refuses with what to do when one is missing. */
async function resolveWithSandbox(images: string[]): Promise<{ images: ResolvedImage[]; sandboxId: string }> {
  const docker = await hostDocker();
  const idOf = (name: string) => docker.getImage(name).inspect().then((info) => info.Id, () => undefined);
  // Every candidate of every image asked at once (each question is a few ms of a startup), the first present kept.
  const [found, sandboxId] = await Promise.all([
    Promise.all(
      sourcesFor(images).map(async (source) => {
        const ids = await Promise.all(source.candidates.map(idOf));
        const at = ids.findIndex((id) => id !== undefined);
        return at < 0 ? source.upstream : { upstream: source.upstream, hostName: source.candidates[at], id: ids[at]! };
      }),
    ),
    idOf(sandboxImageName()),
  ]);
  const missing = found.filter((image): image is string => typeof image === "string");
  if (!sandboxId) missing.push(`the sandbox image ${sandboxImageName()}`);
  if (missing.length) {
    throw new SandboxUnavailableError(`Missing image(s): ${[...new Set(missing)].join(", ")}. Run \`npm run setup\` to pull or build them.`);
  }
  return { images: found as ResolvedImage[], sandboxId: sandboxId! };
}

/** Finds the host image for each image a lab uses; refuses with what to do when one is missing. */
export async function resolveImages(images: string[]): Promise<ResolvedImage[]> {
  return (await resolveWithSandbox(images)).images;
}

function seedKeyOf(images: ResolvedImage[], sandboxId: string): string {
  const hash = createHash("sha256").update(sandboxId);
  for (const image of images) hash.update(`\n${image.upstream}=${image.id}`);
  return hash.digest("hex").slice(0, 16);
}

/** Loads the images into a fresh data-root under seeds/<key>.tmp-*, then renames it into place. */
async function buildSeed(key: string, images: ResolvedImage[]): Promise<void> {
  const temporary = `${key}.tmp-${process.pid}-${randomBytes(3).toString("hex")}`;
  const started = Date.now();
  const seeder = await startDind({
    image: sandboxImageName(),
    name: `labgrade-seeder-${temporary.replace(/\./g, "-")}`,
    role: "seeder",
    storeVolume: STORE_VOLUME,
    storeWritable: true,
    env: { LABGRADE_DATA_ROOT: `/store/seeds/${temporary}` },
  });
  try {
    await transferImages(seeder.container.getId(), images);
    const sandboxImage = (await (await hostDocker()).getImage(sandboxImageName()).inspect()).Id;
    const manifest = JSON.stringify({ key, created: new Date().toISOString(), sandboxImage, images });
    await seeder.container.exec(["sh", "-c", `printf '%s' "$1" > /store/seeds/${temporary}/labgrade-seed.json`, "sh", manifest]);
  } finally {
    // A clean stop lets dockerd close its bolt databases before the rename.
    await seeder.container.stop({ timeout: 30 });
  }
  const renamed = await runStoreTool(
    `if mv -T "/store/seeds/$1" "/store/seeds/$2" 2>/dev/null; then echo renamed; else rm -rf "/store/seeds/$1"; fi`,
    [temporary, key],
  );
  log(`seed ${key} ${renamed.output.includes("renamed") ? "built" : "built by another process first"} in ${Date.now() - started} ms`);
}

const ready = new Map<string, Promise<Seed>>();

/**
 * The seed these images have, without asking the image store whether it holds it
 * (a container started for that costs a third of a second): a sandbox started on
 * a seed the store lacks stops at once, saying SEED_MISSING, and ensureSeed builds it.
 */
export async function seedOf(imageNames: string[]): Promise<Seed> {
  const { images, sandboxId } = await resolveWithSandbox(imageNames);
  return { key: seedKeyOf(images, sandboxId), images };
}

/** What the sandbox's init says when the image store lacks its seed (images/sandbox/labgrade-sandbox-init). */
export const SEED_MISSING = /seed \S+ is missing from the image store/;

/**
 * The seed for these images, built when it does not exist yet. Two processes
 * building the same seed each build their own and the first rename wins.
 */
export function ensureSeed(imageNames: string[]): Promise<Seed> {
  const memoKey = [...imageNames].sort().join(",");
  let seed = ready.get(memoKey);
  if (!seed) {
    seed = (async () => {
      const { images, sandboxId } = await resolveWithSandbox(imageNames);
      const key = seedKeyOf(images, sandboxId);
      const present = await runStoreTool(`test -f "/store/seeds/$1/labgrade-seed.json"`, [key]);
      if (present.exitCode !== 0) await buildSeed(key, images);
      return { key, images };
    })();
    seed.catch(() => ready.delete(memoKey));
    ready.set(memoKey, seed);
  }
  return seed;
}

/**
 * Removes seeds whose images no longer exist on the host (a rebuilt stand-in
 * makes a new seed), and half-built ones whose builder process is gone.
 */
export async function pruneStaleSeeds(isAlive: (pid: number) => boolean, inUse: ReadonlySet<string>): Promise<string[]> {
  const docker = await hostDocker();
  const listed = await runStoreTool(`cd /store/seeds 2>/dev/null || exit 0; for d in *; do [ -d "$d" ] && printf '%s\\t%s\\n' "$d" "$(cat "$d/labgrade-seed.json" 2>/dev/null)"; done; true`);
  const stale: string[] = [];
  for (const line of listed.output.split("\n").filter(Boolean)) {
    const [name, manifest] = line.split("\t");
    if (inUse.has(name)) continue;
    const builder = /\.tmp-(\d+)-/.exec(name);
    if (builder) {
      if (!isAlive(Number(builder[1]))) stale.push(name);
      continue;
    }
    const parsed = JSON.parse(manifest || '{"images":[]}') as { sandboxImage?: string; images: ResolvedImage[] };
    const ids = [parsed.sandboxImage, ...parsed.images.map((image) => image.id)];
    const present = await Promise.all(ids.map((id) => (id ? docker.getImage(id).inspect().then(() => true, () => false) : false)));
    if (parsed.images.length === 0 || present.includes(false)) stale.push(name);
  }
  if (stale.length) await runStoreTool(`cd /store/seeds && rm -rf -- "$@"`, stale);
  return stale;
}
