import { readFileSync } from "node:fs";
import * as path from "node:path";
import { UsageError } from "../errors";
import type { Io } from "../io";
import { CONFIG_SCHEMA_FILE, SCHEMA_FILE } from "../rubric/write-schema";
import { schemaCommand } from "./schema";

const ROOT = path.join(__dirname, "..", "..");

function recordingIo(): Io & { text: () => string } {
  const chunks: string[] = [];
  return { out: (text) => chunks.push(text), err: () => undefined, color: false, text: () => chunks.join("") };
}

describe("labgrade schema", () => {
  it("prints the rubric schema, byte for byte the bundled rubrics' copy", async () => {
    const io = recordingIo();
    expect(await schemaCommand(undefined, io)).toBe(0);
    expect(io.text()).toBe(readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8"));
    const again = recordingIo();
    await schemaCommand("rubric", again);
    expect(again.text()).toBe(io.text());
  });

  it("prints labgrade.yaml's schema when asked for it", async () => {
    const io = recordingIo();
    expect(await schemaCommand("labgrade.yaml", io)).toBe(0);
    expect(io.text()).toBe(readFileSync(path.join(ROOT, CONFIG_SCHEMA_FILE), "utf8"));
    expect(JSON.parse(io.text()).properties.rubric.examples).toContain("lamp-stack");
  });

  it("refuses another name, saying which it takes", async () => {
    await expect(schemaCommand("config", recordingIo())).rejects.toThrow(new UsageError("schema takes rubric or labgrade.yaml, got config"));
  });
});
