/** Mount expectations, shared by the container check and anything that lists mounts. */
import type { ContainerInspectInfo } from "dockerode";
import * as path from "node:path";
import type { JsonSchema } from "../types";
import { parseSize } from "./duration";
import type { ItemResult } from "./items";

export interface MountSpec {
  type?: "volume" | "bind" | "tmpfs";
  /** Volume name, or bind source (relative paths are in the submission folder). */
  source?: string;
  destination: string;
  "read-only"?: boolean;
  /** tmpfs size limit. */
  size?: string | number;
}

export const mountSchema: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["destination"],
  description: "One mount: where it is in the container and what is mounted there.",
  properties: {
    type: { enum: ["volume", "bind", "tmpfs"], description: "A named volume, a bind mount or a tmpfs; any when left out." },
    source: {
      type: "string",
      minLength: 1,
      description: "The volume's name, or the bind mount's source; a relative path is taken in the submission folder.",
    },
    destination: { type: "string", pattern: "^/", description: "The path inside the container." },
    "read-only": { type: "boolean", description: "Whether it must be mounted read-only (true) or read-write (false)." },
    size: { $ref: "#/$defs/size", description: "For a tmpfs: its size limit (--tmpfs /tmp:size=100m)." },
  },
};

interface FoundMount {
  type: string;
  source: string;
  destination: string;
  readOnly: boolean;
  sizeBytes?: number;
}

/** `size=100m` in a --tmpfs option string, in bytes. */
function tmpfsSize(options: string): number | undefined {
  const found = /(?:^|,)size=([^,]+)/i.exec(options);
  return found ? parseSize(found[1]) : undefined;
}

/** Every mount of a container, from --mount/-v (Mounts) and --tmpfs (HostConfig.Tmpfs). */
export function mountsOf(info: ContainerInspectInfo): FoundMount[] {
  const declared = (info.HostConfig as { Mounts?: { Target: string; TmpfsOptions?: { SizeBytes?: number } }[] }).Mounts ?? [];
  const found: FoundMount[] = (info.Mounts ?? []).map((m) => ({
    type: m.Type,
    source: m.Type === "volume" ? (m.Name ?? "") : m.Source,
    destination: m.Destination,
    readOnly: !m.RW,
    sizeBytes: declared.find((d) => d.Target === m.Destination)?.TmpfsOptions?.SizeBytes,
  }));
  for (const [destination, options] of Object.entries((info.HostConfig as { Tmpfs?: Record<string, string> }).Tmpfs ?? {})) {
    found.push({ type: "tmpfs", source: "", destination, readOnly: /(^|,)ro(,|$)/.test(options), sizeBytes: tmpfsSize(options) });
  }
  return found;
}

function describeMount(m: FoundMount): string {
  const anonymous = m.type === "volume" && /^[0-9a-f]{64}$/.test(m.source);
  const source = m.type === "tmpfs" ? "tmpfs" : anonymous ? "an anonymous volume" : m.source ? `${m.type} ${m.source}` : `a ${m.type}`;
  return `${source} at ${m.destination}${m.readOnly ? " (read-only)" : ""}${m.sizeBytes ? ` size ${m.sizeBytes}` : ""}`;
}

export function mountItems(info: ContainerInspectInfo, specs: MountSpec[], submissionDir: string): ItemResult[] {
  const found = mountsOf(info);
  const foundText = found.length ? found.map(describeMount).join(", ") : "no mounts";
  return specs.map((spec) => {
    const source =
      spec.type === "bind" && spec.source && !spec.source.startsWith("/") ? path.posix.join(submissionDir, spec.source) : spec.source;
    const at = found.find((m) => m.destination === spec.destination);
    const expected = describeMount({
      type: spec.type ?? "mount",
      source: source ?? "",
      destination: spec.destination,
      readOnly: spec["read-only"] ?? false,
      sizeBytes: parseSize(spec.size),
    });
    const passed =
      at !== undefined &&
      (spec.type === undefined || at.type === spec.type) &&
      (source === undefined || path.posix.normalize(at.source) === path.posix.normalize(source)) &&
      (spec["read-only"] === undefined || at.readOnly === spec["read-only"]) &&
      (spec.size === undefined || at.sizeBytes === parseSize(spec.size));
    return { label: `mount ${spec.destination}`, passed, expected, actual: at ? describeMount(at) : foundText };
  });
}
