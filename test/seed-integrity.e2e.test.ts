/**
 * The seeded image store never changes, whatever a sandbox does to its clone:
 * writes, appends and chmods from containers, image removal, prune. And two
 * processes preparing the same seed at once leave one good seed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import type { GradeResult } from "../runner/result";
import { ROOT, runCli } from "./support/cli";
import { inStore, seedFingerprint } from "./support/store";

const RUBRIC = path.join(ROOT, "test", "rubrics", "image-tamper.yaml");

function seedKeyFrom(output: string): string {
  const key = /seed ([0-9a-f]{16}) ready/.exec(output)?.[1];
  if (!key) throw new Error(`no seed key in: ${output}`);
  return key;
}

test("a sandbox that tampers with its images leaves the seed byte for byte unchanged", async () => {
  const prepared = await runCli(["images", "prepare", "--rubric", RUBRIC]);
  expect(prepared.code).toBe(0);
  const key = seedKeyFrom(prepared.stdout);
  const before = seedFingerprint("labgrade-store", key);
  expect(before.listing.split("\n").length).toBeGreaterThan(1000);

  const out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-tamper-"));
  try {
    const graded = await runCli(["grade", path.join(ROOT, "test", "submissions", "tamper-images"), "--rubric", RUBRIC, "--json", path.join(out, "r.json")]);
    expect(graded.code).toBe(0);
    const result = JSON.parse(fs.readFileSync(path.join(out, "r.json"), "utf8")) as GradeResult;
    // The attack really ran: the images were gone from that sandbox.
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([["images-gone", "passed"]]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }

  const after = seedFingerprint("labgrade-store", key);
  expect(after.listing).toEqual(before.listing);
  expect(after.content).toEqual(before.content);
});

test("two processes preparing the same seed at once leave one complete seed", async () => {
  const volume = `labgrade-store-test-${process.pid}`;
  const env = { LABGRADE_STORE_VOLUME: volume };
  try {
    const [first, second] = await Promise.all([
      runCli(["images", "prepare", "--rubric", RUBRIC], { env }),
      runCli(["images", "prepare", "--rubric", RUBRIC], { env }),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    const key = seedKeyFrom(first.stdout);
    expect(seedKeyFrom(second.stdout)).toBe(key);
    // One seed, no half-built temporary left, and it holds the images.
    expect(inStore(volume, "ls /store/seeds").split("\n").filter(Boolean)).toEqual([key]);
    const manifest = JSON.parse(inStore(volume, `cat "/store/seeds/$1/labgrade-seed.json"`, key));
    expect(manifest.images.map((i: { upstream: string }) => i.upstream)).toEqual(
      expect.arrayContaining(["mysql:8.0", "php:7.4-apache", "labgrade/probe:latest"]),
    );
  } finally {
    execFileSync("docker", ["volume", "rm", "-f", volume]);
  }
});

test("a grading on a store that lacks its seed builds the seed, then grades", async () => {
  const volume = `labgrade-store-test-missing-${process.pid}`;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "labgrade-missing-seed-"));
  try {
    const rubric = path.join(ROOT, "test", "rubrics", "compose-log.yaml");
    const json = path.join(out, "r.json");
    const graded = await runCli(["grade", path.join(ROOT, "test", "submissions", "compose-log"), "--rubric", rubric, "--json", json, "--verbose"], { env: { LABGRADE_STORE_VOLUME: volume } });
    expect(graded.code).toBe(0);
    const key = /seed ([0-9a-f]{16}) built/.exec(graded.stderr)?.[1];
    expect(key).toBeDefined();
    expect(graded.stderr).toContain(`cloned seed ${key}`);
    const result = JSON.parse(fs.readFileSync(json, "utf8")) as GradeResult;
    expect(result.checks.map((c) => [c.id, c.status])).toEqual([["both-spellings-logged", "passed"]]);
    expect(inStore(volume, "ls /store/seeds").split("\n").filter(Boolean)).toEqual([key]);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
    execFileSync("docker", ["volume", "rm", "-f", volume]);
  }
});
