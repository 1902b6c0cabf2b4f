/**
 * The sandbox init's cgroup v2 setup (labgrade-cgroups) and labgrade-run's
 * cgroup v2 branch, run for real on a cgroup2 hierarchy: in a container of the
 * sandbox image, test/support/cgroup-v2-probe.sh mounts cgroup2 over
 * /sys/fs/cgroup in a cgroup namespace of its own, whatever the host runs
 * (cgroup v1 here, v2 on GitHub's runners).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { sandboxImageName } from "../runner/sandbox/catalog";
import { ROOT } from "./support/cli";

let report: Record<string, string>;
let runLines: string[];

beforeAll(() => {
  const script = fs.readFileSync(path.join(ROOT, "test", "support", "cgroup-v2-probe.sh"), "utf8");
  // The capability fallback's flags: they work where --privileged is refused, and where it is not.
  const output = execFileSync(
    "docker",
    ["run", "--rm", "-i", "--name", `labgrade-cgroup-v2-test-${process.pid}`, "--label", "labgrade.test=cgroup-v2", "--network", "none",
     "--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE", "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined",
     "--cgroupns", "private", "--entrypoint", "bash", sandboxImageName(), "-s"],
    { input: script, encoding: "utf8", timeout: 60_000 },
  );
  const lines = output.split("\n");
  report = Object.fromEntries(lines.filter((line) => /^[a-z-]+=/.test(line)).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
  // What the script printed went through its terminal (`script`): lines end with \r.
  runLines = lines.filter((line) => line.startsWith("run: ")).map((line) => line.slice(5).trimEnd());
});

test("the init moves every process of the root group into init/ (the engine among them)", () => {
  expect(report["root-procs"]).toBe("0");
  expect(report["engine-moved"]).toBe("1");
});

test("the init hands every available controller down to the groups below the root", () => {
  expect(report.delegated.split(" ").filter(Boolean).sort()).toEqual(report.controllers.split(" ").filter(Boolean).sort());
});

test("labgrade-run runs the script in a group of its own, passes its exit code on, and kills what it left behind", () => {
  expect(runLines).toContainEqual(expect.stringMatching(/^0::\/labgrade-student-\d+$/));
  expect(runLines).toContain("left-behind");
  expect(report["run-exit"]).toBe("7");
  expect(report.leftover).toBe("0");
  expect(report["groups-after"].trim()).toBe("init");
});

test("the script's group has the process limit where the pids controller is available, and says so where it is not", () => {
  if (report.controllers.split(" ").includes("pids")) expect(runLines).toContain("pids.max=64");
  else expect(runLines).toContain("labgrade: no process limit for the script (cgroups unavailable)");
  expect(runLines.join("\n")).not.toMatch(/Permission denied|No such file/);
});
