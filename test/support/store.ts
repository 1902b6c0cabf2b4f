/** Looks inside the image store volume from the tests, with a throw-away container. */
import { execFileSync } from "node:child_process";
import { sandboxImageName } from "../../runner/sandbox/catalog";
import { labelsFor } from "../../runner/sandbox/labels";

const TOOL_IMAGE = sandboxImageName();

export function inStore(volume: string, script: string, ...args: string[]): string {
  // With an owner (this test process), as labgrade's own store tools: a `labgrade clean` elsewhere leaves it alone.
  const labels = Object.entries(labelsFor("store-tool")).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  return execFileSync(
    "docker",
    ["run", "--rm", "--network", "none", ...labels, "-v", `${volume}:/store`, "--entrypoint", "sh", TOOL_IMAGE, "-c", script, "store", ...args],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
}

/**
 * A seed's fingerprint: every path with its type, mode, owner, size and
 * modification time, and the content of every file, byte for byte. Link
 * counts and ctimes are left out: cloning changes them by design.
 */
export function seedFingerprint(volume: string, key: string): { listing: string; content: string } {
  const listing = inStore(volume, `cd "/store/seeds/$1" && find . -printf '%y %m %U:%G %s %T@ %p %l\\n' | LC_ALL=C sort`, key);
  const content = inStore(volume, `cd "/store/seeds/$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum`, key);
  return { listing, content };
}
