/**
 * Remembers, per engine, whether it accepts --privileged, so that each
 * grading process does not pay for a refused attempt first.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { hostDocker } from "./host-engine";

const FILE = path.join(os.tmpdir(), "labgrade-security-mode.json");

async function engineId(): Promise<string> {
  const info = (await (await hostDocker()).info()) as { ID?: string; ServerVersion?: string };
  return `${info.ID ?? "unknown"}@${info.ServerVersion ?? ""}`;
}

function readAll(): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(FILE, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

export async function rememberedMode<T extends string>(): Promise<T | undefined> {
  return readAll()[await engineId()] as T | undefined;
}

export async function rememberMode(mode: string): Promise<void> {
  const all = { ...readAll(), [await engineId()]: mode };
  try {
    fs.writeFileSync(FILE, JSON.stringify(all));
  } catch {
    // A cache that cannot be written only costs a refused attempt next time.
  }
}
