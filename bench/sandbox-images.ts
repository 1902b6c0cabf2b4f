/**
 * Image provisioning benchmark (`npm run bench`). For the LAMP rubric's
 * images it measures, in one run:
 *   (a) sandbox request -> ready inner engine holding the images, with a clone of the seed;
 *   (b) the same with `docker save | docker load` (the baseline), and their ratio;
 *   (c) one whole grading of the LAMP reference, split by phase;
 * and the harness process's peak memory. It prints; it asserts nothing.
 */
import * as path from "node:path";
import { loadOrRefuse } from "../runner/rubric/load-or-refuse";
import { gradeSubmission } from "../runner/engine";
import { REPO_ROOT } from "../runner/paths";
import { Sandbox, type ImageProvisioning } from "../runner/sandbox/sandbox";
import { ensureSeed } from "../runner/sandbox/seed";

const CLONE_RUNS = Number(process.env.BENCH_RUNS ?? 7);
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summary(values: number[]): string {
  return `median ${(median(values) / 1000).toFixed(2)} s, min ${(Math.min(...values) / 1000).toFixed(2)} s, max ${(Math.max(...values) / 1000).toFixed(2)} s (n=${values.length})`;
}

async function timeToReadyEngine(rubricImages: string[], limits: Parameters<typeof Sandbox.start>[0]["limits"], provisioning: ImageProvisioning): Promise<number> {
  const started = Date.now();
  const sandbox = await Sandbox.start({ label: `bench-${provisioning}`, images: rubricImages, limits, provisioning });
  try {
    const listed = await sandbox.exec(["docker", "image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]);
    const elapsed = Date.now() - started;
    for (const image of rubricImages) {
      if (!listed.stdout.split("\n").includes(image)) throw new Error(`${image} missing from a ${provisioning} sandbox: ${listed.stdout}`);
    }
    return elapsed;
  } finally {
    await sandbox.dispose();
  }
}

async function main(): Promise<void> {
  const rubric = await loadOrRefuse(path.join(REPO_ROOT, "rubrics", "lamp-stack.yaml"));
  await ensureSeed(rubric.images);
  console.log(`labgrade bench: images of ${rubric.id} (${rubric.images.join(", ")})`);

  const clone: number[] = [];
  for (let i = 0; i < CLONE_RUNS; i++) clone.push(await timeToReadyEngine(rubric.images, rubric.limits, "clone"));
  const load: number[] = [];
  for (let i = 0; i < LOAD_RUNS; i++) load.push(await timeToReadyEngine(rubric.images, rubric.limits, "load"));
  console.log(`(a) seeded clone    : ${summary(clone)}`);
  console.log(`(b) save | load     : ${summary(load)}`);
  console.log(`    ratio (b)/(a)   : ${(median(load) / median(clone)).toFixed(1)}x faster with the seeded clone`);

  const started = Date.now();
  const result = await gradeSubmission({ rubric, submissionDir: path.join(REPO_ROOT, "fixtures", "submissions", "lamp-stack", "reference") });
  const total = Date.now() - started;
  const t = result.timings;
  const overhead = total - t.scriptMs - t.waitMs - t.actionsMs;
  console.log(`(c) grading the LAMP reference: ${result.score}/${result.maxScore} in ${(total / 1000).toFixed(2)} s`);
  console.log(`    sandbox ${(t.sandboxMs / 1000).toFixed(2)} s | images ${(t.imagesMs / 1000).toFixed(2)} s | script ${(t.scriptMs / 1000).toFixed(2)} s | checks ${(t.checksMs / 1000).toFixed(2)} s (of which waiting for services ${(t.waitMs / 1000).toFixed(2)} s, restart and re-creation of the services ${(t.actionsMs / 1000).toFixed(2)} s) | copy-in and clean-up ${((total - t.sandboxMs - t.imagesMs - t.scriptMs - t.checksMs) / 1000).toFixed(2)} s`);
  console.log(`    harness overhead (all but the script, the waits for services and their restart and re-creation): ${(overhead / 1000).toFixed(2)} s`);
  console.log(`peak memory of the harness process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
