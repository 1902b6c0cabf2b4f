/**
 * Soak (`npm run soak`, not part of the suite): a class of 60 submissions made of
 * the LAMP fixtures, hostile ones included (fork bomb, disk filler, output flood,
 * a killed engine...), graded by `batch` in this process with the default
 * parallelism. It reports the results written, what this run left on the engine
 * (anything carrying its session label), the host's free disk and the harness's
 * memory before and after, and the slowest gradings. It exits 1 when something
 * leaked or a result is missing; it asserts nothing on time.
 *
 * The rubric is lamp-stack with the script's timeout cut to SOAK_TIMEOUT (30s):
 * the scripts that never end would otherwise hold a slot for 5 minutes each.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { batchCommand } from "../runner/commands/batch";
import { readPrevious } from "../runner/batch/previous";
import { studentFiles } from "../runner/report/class/folder";
import { processIo } from "../runner/io";
import { REPO_ROOT } from "../runner/paths";
import { disposeAllSandboxes } from "../runner/sandbox/sandbox";
import { LABEL_SESSION, SESSION } from "../runner/sandbox/labels";

const STUDENTS = Number(process.env.SOAK_STUDENTS ?? 60);
const TIMEOUT = process.env.SOAK_TIMEOUT ?? "30s";
const FIXTURES = path.join(REPO_ROOT, "fixtures", "submissions", "lamp-stack");

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function freeBytes(dir: string): number {
  const stat = fs.statfsSync(dir);
  return stat.bavail * stat.bsize;
}

function dockerRoot(): string {
  return execFileSync("docker", ["info", "--format", "{{.DockerRootDir}}"], { encoding: "utf8" }).trim();
}

/** What carries this process's session label: a run that cleaned up after itself leaves nothing. */
function leftOnEngine(): { containers: string[]; volumes: string[]; networks: string[] } {
  const filter = ["--filter", `label=${LABEL_SESSION}=${SESSION}`];
  const list = (args: string[]) => execFileSync("docker", [...args, ...filter], { encoding: "utf8" }).split("\n").filter(Boolean);
  return {
    containers: list(["ps", "-a", "--format", "{{.Names}}"]),
    volumes: list(["volume", "ls", "-q"]),
    networks: list(["network", "ls", "--format", "{{.Name}}"]),
  };
}

/** The peak resident memory of this process so far (VmHWM). */
function peakRss(): number {
  const line = fs.readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return Number(line?.replace(/\D/g, "") ?? 0) * 1024;
}

function makeClass(dir: string): string[] {
  const fixtures = fs.readdirSync(FIXTURES).filter((name) => fs.statSync(path.join(FIXTURES, name)).isDirectory()).sort();
  const names: string[] = [];
  for (let i = 0; i < STUDENTS; i++) {
    const fixture = fixtures[i % fixtures.length]!;
    const name = `${String(i + 1).padStart(2, "0")}-${fixture}`;
    fs.symlinkSync(path.join(FIXTURES, fixture), path.join(dir, name));
    names.push(name);
  }
  return names;
}

async function main(): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-soak-"));
  const classDir = path.join(tmp, "class");
  const out = path.join(tmp, "grades");
  fs.mkdirSync(classDir);
  const students = makeClass(classDir);
  const rubric = path.join(tmp, "lamp-stack.yaml");
  const text = fs.readFileSync(path.join(REPO_ROOT, "rubrics", "lamp-stack.yaml"), "utf8");
  fs.writeFileSync(rubric, text.replace(/^(submission:.*\n(?:\s+.*\n)*?\s+timeout:\s*)\S+/m, `$1${TIMEOUT}`));

  const root = dockerRoot();
  const before = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, tmp: freeBytes(os.tmpdir()), docker: freeBytes(root) };
  const started = Date.now();
  let code: number;
  try {
    code = await batchCommand(
      { classDir, rubric, out, force: false, variables: {}, live: false },
      { ...processIo, color: false },
    );
  } catch (error) {
    console.error(`soak: the batch failed: ${(error as Error).stack ?? error}`);
    code = 1;
  }
  const elapsed = Date.now() - started;
  global.gc?.();
  const after = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, tmp: freeBytes(os.tmpdir()), docker: freeBytes(root) };

  const results = students.map((name) => ({ name, found: readPrevious(studentFiles(out, name).json) }));
  const written = results.filter((r) => r.found.kind === "result");
  const graded = written.flatMap((r) => (r.found.kind === "result" ? [{ name: r.name, result: r.found.result }] : []));
  const errored = graded.filter((g) => g.result.status === "error");
  const slowest = [...graded].sort((a, b) => b.result.durationMs - a.result.durationMs).slice(0, 3);
  const left = leftOnEngine();
  const leaked = left.containers.length + left.volumes.length + left.networks.length;

  console.log("\nsoak");
  console.log(`  batch: exit ${code}, ${students.length} submissions in ${seconds(elapsed)}`);
  console.log(`  results written: ${written.length}/${students.length} result.json (${errored.length} error results${errored.length ? `: ${errored.map((e) => e.name).join(", ")}` : ""})`);
  console.log(`  left on the engine by this run: ${left.containers.length} containers, ${left.volumes.length} volumes, ${left.networks.length} networks${leaked ? ` (${[...left.containers, ...left.volumes, ...left.networks].join(", ")})` : ""}`);
  console.log(`  free disk: ${os.tmpdir()} ${mib(before.tmp)} -> ${mib(after.tmp)}; ${root} ${mib(before.docker)} -> ${mib(after.docker)}`);
  console.log(`  harness memory: rss ${mib(before.rss)} -> ${mib(after.rss)} (peak ${mib(peakRss())}), heap ${mib(before.heap)} -> ${mib(after.heap)}`);
  console.log(`  slowest gradings: ${slowest.map((s) => `${s.name} ${seconds(s.result.durationMs)}`).join(", ")}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  return code === 0 && leaked === 0 && written.length === students.length ? 0 : 1;
}

// Ctrl-C removes the sandboxes under way, as the CLI does.
process.once("SIGINT", () => void disposeAllSandboxes().finally(() => process.exit(130)));
void main().then((code) => process.exit(code));
