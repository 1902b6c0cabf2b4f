/** `labgrade images prepare --rubric R` and `labgrade images status`. */
import type { Io } from "../io";
import { ensureSeed } from "../sandbox/seed";
import { runStoreTool, STORE_VOLUME } from "../sandbox/image-store";
import { ensureImages } from "../setup/ensure-images";
import { loadOrRefuse } from "../rubric/load-or-refuse";

export async function imagesPrepareCommand(rubricFiles: string[], io: Io): Promise<number> {
  for (const file of rubricFiles) {
    const rubric = await loadOrRefuse(file);
    await ensureImages(rubric.images, { say: (line) => io.out(line) });
    const started = Date.now();
    const seed = await ensureSeed(rubric.images);
    io.out(`${rubric.id}: seed ${seed.key} ready (${seed.images.map((i) => `${i.upstream} <- ${i.hostName}`).join(", ")}) in ${Date.now() - started} ms`);
  }
  return 0;
}

const STATUS_SCRIPT = `
cd /store 2>/dev/null || exit 0
for seed in seeds/*/; do
  [ -f "$seed/labgrade-seed.json" ] || continue
  printf 'seed %s %s ' "$(basename "$seed")" "$(du -sh "$seed" | cut -f1)"; cat "$seed/labgrade-seed.json"; echo
done
true`;

export async function imagesStatusCommand(io: Io): Promise<number> {
  const status = await runStoreTool(STATUS_SCRIPT);
  const lines = status.output.split("\n").filter(Boolean);
  io.out(`image store: volume ${STORE_VOLUME}`);
  if (lines.length === 0) io.out("  no seed yet: run `labgrade images prepare --rubric <rubric.yaml>`");
  for (const line of lines) {
    const seed = /^seed (\S+) (\S+) (.*)$/.exec(line);
    if (!seed) continue;
    const manifest = JSON.parse(seed[3]) as { created: string; images: { upstream: string; hostName: string }[] };
    io.out(`  seed ${seed[1]}  ${seed[2]}  created ${manifest.created}`);
    for (const image of manifest.images) io.out(`    ${image.upstream} <- ${image.hostName}`);
  }
  return 0;
}
