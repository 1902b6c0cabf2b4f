/**
 * No network out of the sandbox unless the rubric opts in (limits.network):
 * the student's containers still reach each other and the sandbox's published
 * ports. "Beyond the sandbox" is a network namespace this test makes on this
 * machine (a veth pair and a listener), so no traffic leaves the machine; and
 * the opted-in sandbox reaching it shows the isolated one's failure is real.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli } from "./support/cli";

const RUBRIC = path.join(ROOT, "test", "rubrics", "network.yaml");
const SUBMISSION = path.join(ROOT, "test", "submissions", "network-probe");
const NS = `labgrade-nettest-${process.pid}`;
const HOST_END = `lgn${process.pid % 100000}h`;
const NS_END = `lgn${process.pid % 100000}n`;
const ADDRESS = "198.18.77.2";
const PORT = 18099;

let listener: ChildProcess;
let out: string;

const ip = (...args: string[]) => execFileSync("ip", args, { encoding: "utf8" });

/** What the address beyond the sandbox answers to the grading machine itself ("" when nothing does). */
function answers(): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get({ host: ADDRESS, port: PORT, timeout: 2_000 }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve(text));
    });
    request.on("error", () => resolve(""));
    request.on("timeout", () => request.destroy());
  });
}

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-network-"));
  ip("netns", "add", NS);
  ip("link", "add", HOST_END, "type", "veth", "peer", "name", NS_END);
  ip("link", "set", NS_END, "netns", NS);
  ip("addr", "add", "198.18.77.1/30", "dev", HOST_END);
  ip("link", "set", HOST_END, "up");
  ip("netns", "exec", NS, "ip", "addr", "add", `${ADDRESS}/30`, "dev", NS_END);
  ip("netns", "exec", NS, "ip", "link", "set", NS_END, "up");
  const server = `require("http").createServer((q, s) => s.end("beyond the sandbox\\n")).listen(${PORT}, "${ADDRESS}")`;
  listener = spawn("ip", ["netns", "exec", NS, process.execPath, "-e", server], { stdio: "ignore" });
  const deadline = Date.now() + 10_000;
  while (!(await answers()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
});

afterAll(() => {
  listener?.kill();
  // Deleting the namespace deletes the veth pair with it.
  execFileSync("ip", ["netns", "del", NS], { stdio: "ignore" });
  fs.rmSync(out, { recursive: true, force: true });
});

async function grade(rubric: string): Promise<Record<string, string>> {
  const json = path.join(out, `${path.basename(rubric)}.json`);
  const run = await runCli(["grade", SUBMISSION, "--rubric", rubric, "--json", json]);
  expect(run.code).toBe(0);
  const result = JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult;
  return Object.fromEntries(result.checks.map((check) => [check.id, check.status]));
}

test("the address beyond the sandbox answers from the grading machine", async () => {
  expect(await answers()).toBe("beyond the sandbox\n");
});

test("by default the sandbox has no default route and reaches nothing beyond it; its containers reach each other and its published ports", async () => {
  expect(await grade(RUBRIC)).toEqual({
    "published-port": "passed",
    "containers-reach-each-other": "passed",
    "no-default-route": "passed",
    "outside-from-sandbox": "failed",
    "outside-from-container": "failed",
  });
});

test("a rubric with limits.network: outside reaches beyond the sandbox", async () => {
  const opened = path.join(out, "network-outside.yaml");
  fs.writeFileSync(opened, fs.readFileSync(RUBRIC, "utf8").replace("steps:\n", "limits:\n  network: outside\nsteps:\n"));
  expect(await grade(opened)).toEqual({
    "published-port": "passed",
    "containers-reach-each-other": "passed",
    "no-default-route": "failed",
    "outside-from-sandbox": "passed",
    "outside-from-container": "passed",
  });
});
