/** Mount expectations, shared by the container check and anything that lists mounts. */
import type { ContainerInspectInfo } from "dockerode";
import * as path from "node:path";
import type { JsonSchema, Phrase } from "../types";
import { parseSize } from "../../common/units";
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

/** "100 MiB": a size as a student writes it. */
export function sizeText(bytes: number): string {
  for (const [unit, factor] of [["GiB", 1024 ** 3], ["MiB", 1024 ** 2], ["KiB", 1024]] as const) {
    if (bytes >= factor && bytes % (factor / 16) === 0) return `${bytes / factor} ${unit}`;
  }
  return `${bytes} B`;
}

/** What is mounted: a named volume, an anonymous one, a folder (relative to the submission when inside it), a tmpfs. */
function sourcePhrase(type: string, source: string, submissionDir: string): Phrase {
  if (type === "tmpfs") return { id: "source.tmpfs" };
  if (type === "volume") return !source ? { id: "source.aVolume" } : /^[0-9a-f]{64}$/.test(source) ? { id: "source.anonymous" } : { id: "source.volume", data: { name: source } };
  if (type === "bind") {
    const inside = source === submissionDir || source.startsWith(`${submissionDir}/`);
    return source ? { id: "source.bind", data: { path: inside ? `./${path.posix.relative(submissionDir, source)}`.replace(/^\.\/$/, ".") : source } } : { id: "source.aBind" };
  }
  return { id: "source.any" };
}

/** ", read-only, size 100 MiB": what else a mount says, when it says anything. */
function optionsPhrase(readOnly: boolean | undefined, sizeBytes: number | undefined): Phrase {
  const mode = readOnly === undefined ? "" : readOnly ? "ro" : "rw";
  if (sizeBytes) return { id: `mount.opts.size${mode}`, data: { size: sizeText(sizeBytes) } };
  return { id: `mount.opts.${mode || "none"}` };
}

function foundPhrase(m: FoundMount, submissionDir: string, showMode: boolean): Phrase {
  return {
    id: "mount.isAt",
    data: { source: sourcePhrase(m.type, m.source, submissionDir), destination: m.destination, options: optionsPhrase(showMode ? m.readOnly : m.readOnly || undefined, m.sizeBytes) },
  };
}

/**
 * One item per expected mount. What was found names the near miss: what is
 * mounted at that path instead, or, when nothing is, where the expected
 * source is mounted (the wrong path) and what else the container mounts.
 */
/** The volume names the specs mount (a source that is neither a bind nor a path), as the rubric writes them. */
export function volumeSources(specs: MountSpec[]): string[] {
  return specs.flatMap((spec) => (spec.source && spec.type !== "bind" && !spec.source.startsWith("/") ? [spec.source] : []));
}

/** `engineNames` gives the engine's name of a volume named otherwise in the rubric (a Compose volume: see volume-target.ts). */
export function mountItems(info: ContainerInspectInfo, specs: MountSpec[], submissionDir: string, engineNames: ReadonlyMap<string, string> = new Map()): ItemResult[] {
  const found = mountsOf(info);
  return specs.map((spec, index) => {
    const source =
      spec.type === "bind" && spec.source && !spec.source.startsWith("/") ? path.posix.join(submissionDir, spec.source) : spec.source;
    const at = found.find((m) => m.destination === spec.destination);
    const engineSource = source !== undefined && spec.type !== "bind" ? (engineNames.get(source) ?? source) : source;
    const sameSource = (m: FoundMount) => engineSource !== undefined && path.posix.normalize(m.source) === path.posix.normalize(engineSource);
    const expected: Phrase = {
      id: "mount.expected",
      data: { source: source === undefined && !spec.type ? { id: "source.any" } : sourcePhrase(spec.type ?? (source?.startsWith("/") ? "bind" : "volume"), source ?? "", submissionDir), destination: spec.destination, options: optionsPhrase(spec["read-only"], parseSize(spec.size)) },
    };
    const passed =
      at !== undefined &&
      (spec.type === undefined || at.type === spec.type) &&
      (source === undefined || sameSource(at)) &&
      (spec["read-only"] === undefined || at.readOnly === spec["read-only"]) &&
      (spec.size === undefined || at.sizeBytes === parseSize(spec.size));
    let actual: Phrase;
    if (at) actual = foundPhrase(at, submissionDir, spec["read-only"] !== undefined);
    // "The container has no mounts" is said once, under the first mount.
    else if (found.length === 0) actual = { id: index === 0 ? "mount.noneAt" : "mount.nothing", data: { destination: spec.destination } };
    else {
      // The expected source first: mounted at another path is the likeliest near miss.
      const others = [...found.filter(sameSource), ...found.filter((m) => !sameSource(m))].slice(0, 4);
      actual = { id: "mount.nothingAt", data: { destination: spec.destination, others: others.map((m) => foundPhrase(m, submissionDir, false)) } };
    }
    return { label: { id: "mount.label", data: { destination: spec.destination } }, passed, expected, actual };
  });
}

export const mountPhrases = {
  en: {
    "mount.label": "the mount at {destination}",
    "mount.expected": "{source} mounted at {destination}{options}",
    "mount.isAt": "{source} is mounted at {destination}{options}",
    "mount.noneAt": "nothing is mounted at {destination}: the container has no mounts",
    "mount.nothing": "nothing at {destination} either",
    "mount.nothingAt": "nothing is mounted at {destination}; {others}",
    "mount.opts.none": "",
    "mount.opts.ro": " (read-only)",
    "mount.opts.rw": " (read-write)",
    "mount.opts.size": " (size {size})",
    "mount.opts.sizero": " (read-only, size {size})",
    "mount.opts.sizerw": " (read-write, size {size})",
    "source.volume": "volume {name}",
    "source.aVolume": "a volume",
    "source.anonymous": "an anonymous volume",
    "source.bind": "folder {path}",
    "source.aBind": "a folder",
    "source.tmpfs": "a tmpfs",
    "source.any": "something",
  },
  fr: {
    "mount.label": "le montage sur {destination}",
    "mount.expected": "{source} monté sur {destination}{options}",
    "mount.isAt": "{source} est monté sur {destination}{options}",
    "mount.noneAt": "rien n'est monté sur {destination} : le conteneur n'a aucun montage",
    "mount.nothing": "rien non plus sur {destination}",
    "mount.nothingAt": "rien n'est monté sur {destination} ; {others}",
    "mount.opts.none": "",
    "mount.opts.ro": " (en lecture seule)",
    "mount.opts.rw": " (en lecture-écriture)",
    "mount.opts.size": " (taille {size})",
    "mount.opts.sizero": " (en lecture seule, taille {size})",
    "mount.opts.sizerw": " (en lecture-écriture, taille {size})",
    "source.volume": "le volume {name}",
    "source.aVolume": "un volume",
    "source.anonymous": "un volume anonyme",
    "source.bind": "le dossier {path}",
    "source.aBind": "un dossier",
    "source.tmpfs": "un tmpfs",
    "source.any": "quelque chose",
  },
};
