/**
 * The harness image (ci/Dockerfile): it builds from the stand-in Debian base, and an
 * instructor with only Docker grades a class with it, the host's engine socket
 * mounted, exactly as the README says. One grading (the LAMP reference).
 *
 * The image is tagged once (labgrade-harness:test, its build stage
 * labgrade-harness-build:test) and rebuilt on each run from the layer cache; a
 * rebuild removes the images it replaced, so runs do not pile up images. A failed
 * build's containers are removed (--force-rm).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "./support/cli";

const TAG = "labgrade-harness:test";
const BUILD_TAG = "labgrade-harness-build:test";
const BASE = "labgrade-standin/debian:bookworm";
const CONTAINER = `labgrade-harness-test-${randomBytes(4).toString("hex")}`;
const SOCKET = process.env.DOCKER_HOST?.startsWith("unix://") ? process.env.DOCKER_HOST.slice("unix://".length) : "/var/run/docker.sock";

function docker(args: string[], timeoutMs = 1_200_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("docker", args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

const imageId = (name: string): string | undefined => {
  try {
    return execFileSync("docker", ["image", "inspect", "--format", "{{.Id}}", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
};

/** Where the machine trusts extra CAs (a TLS-intercepting proxy), the build must too, to reach npm. */
function extraCaArgs(): string[] {
  const dir = "/usr/local/share/ca-certificates";
  const certificates = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith(".crt")) : [];
  if (certificates.length === 0) return [];
  return ["--build-arg", `EXTRA_CA_CERTS=${certificates.map((name) => fs.readFileSync(path.join(dir, name), "utf8")).join("\n")}`];
}

let build: { code: number | null; output: string };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-harness-"));

/** Image ids, newest first. */
const images = (filters: string[]): string[] =>
  execFileSync("docker", ["images", "-q", "--no-trunc", ...filters], { encoding: "utf8" }).split("\n").filter(Boolean);

beforeAll(async () => {
  const previous = [imageId(TAG), imageId(BUILD_TAG)];
  build = await docker(["build", "--force-rm", "--build-arg", `BASE=${BASE}`, ...extraCaArgs(), "-f", "ci/Dockerfile", "-t", TAG, "."]);
  // The legacy builder leaves the build stage untagged: tag this build's, which the next
  // build reuses as its cache, and remove older ones (and the last layer of a failed build).
  const stages = images(["--filter", "dangling=true", "--filter", "label=labgrade.harness-stage=build"]);
  if (build.code === 0 && stages[0]) await docker(["tag", stages.shift()!, BUILD_TAG]);
  for (const id of stages) await docker(["rmi", id]);
  // Images this test built before and has just replaced: nothing else uses them.
  const current = new Set([imageId(TAG), imageId(BUILD_TAG)]);
  for (const id of previous) if (id && !current.has(id)) await docker(["rmi", id]);
});

afterAll(async () => {
  await docker(["rm", "-f", CONTAINER]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("builds from the stand-in base, with Node 22 or later and the docker client", async () => {
  if (build.code !== 0) throw new Error(`docker build failed (${build.code}):\n${build.output.slice(-6000)}`);
  const versions = await docker(["run", "--rm", "--entrypoint", "sh", TAG, "-c", "node --version && docker --version && labgrade --help | head -1"]);
  expect(versions.code).toBe(0);
  expect(Number(/^v(\d+)\.\d+\.\d+\n/.exec(versions.output)?.[1])).toBeGreaterThanOrEqual(22);
  expect(versions.output).toMatch(/Docker version \d+/);
  expect(versions.output).toContain("usage: labgrade <command>");
});

test("grades a class mounted from the host through the host's engine: docker run ... labgrade batch /class", async () => {
  const classDir = path.join(tmp, "class");
  fs.cpSync(path.join(ROOT, "fixtures", "submissions", "lamp-stack", "reference"), path.join(classDir, "alice"), { recursive: true });
  const run = await docker([
    "run", "--rm", "--name", CONTAINER, "-v", `${SOCKET}:/var/run/docker.sock`, "-v", `${classDir}:/class`,
    TAG, "batch", "/class", "--rubric", "rubrics/lamp-stack.yaml", "--out", "/class/out",
  ], 600_000);
  expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
  expect(run.output).toContain("alice: 20/20");
  const rows = fs.readFileSync(path.join(classDir, "out", "gradebook.csv"), "utf8").split("\r\n");
  expect(rows[1]).toBe("alice,20,20,3,2,2,3,2,2,1,2,1,1,1");
  expect(fs.existsSync(path.join(classDir, "out", "report.html"))).toBe(true);
  expect(JSON.parse(fs.readFileSync(path.join(classDir, "out", "students", "alice", "result.json"), "utf8"))).toMatchObject({ status: "completed", score: 20 });
});

test("writes a Classroom 50 autograder folder: docker run ... labgrade classroom50 autograder", async () => {
  const out = path.join(tmp, "autograder");
  // A URL is only written into the configuration: nothing is fetched.
  const run = await docker([
    "run", "--rm", "-v", `${tmp}:/work`, TAG, "classroom50", "autograder", "--rubric", "lamp-stack", "--out", "/work/autograder",
    "--package", "https://example.invalid/labgrade.tgz",
  ], 120_000);
  expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
  expect(fs.readdirSync(out)).toEqual(["autograder.py"]);
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(fs.readFileSync(path.join(out, "autograder.py"), "utf8")).toContain(JSON.stringify(JSON.stringify({ version, package: "https://example.invalid/labgrade.tgz", rubric: "lamp-stack", scale: null })));
});
