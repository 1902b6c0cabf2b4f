/**
 * A sandbox started while the rubric is still being checked: what it needs
 * (the rubric's id, images and limits) is read ahead from the rubric's text, so
 * that the engine's seconds of start overlap the loader's work. The checked
 * rubric decides: asked for the same sandbox, the grading takes this one;
 * otherwise (or when the rubric is refused, or nothing is graded) it is removed.
 */
import { isDeepStrictEqual } from "node:util";
import { readAtMost } from "./bounded-read";
import { RUBRIC_BOUNDS } from "./rubric/bounds";
import { limitsOf, overriddenLimits, type LimitOverrides } from "./rubric/limits";
import { parseYaml } from "./rubric/positions";
import type { Limits } from "./rubric/types";
import { Sandbox, sandboxRequest, type ImageProvisioning, type SandboxRequest, type SandboxStarter } from "./sandbox/sandbox";

export interface EarlySandbox {
  /** Settles once the sandbox's container is created and starting, or its start failed: the loader's work then overlaps the boot. */
  created: Promise<void>;
  /** For the grading: this sandbox when the request is the same, else a new one. */
  start: SandboxStarter;
  /** Removes the sandbox unless the grading took it. */
  discard(): Promise<void>;
}

export interface EarlyRequest {
  rubricFile: string;
  submissionDir: string;
  overrides?: LimitOverrides;
  provisioning?: ImageProvisioning;
}

/** The request the rubric's text asks for, read without checking it; undefined when it does not read as one. */
export function requestAhead(early: EarlyRequest): SandboxRequest | undefined {
  try {
    // Through the bounded reader: the name may be a pipe, which a plain read would wait on forever.
    const bytes = readAtMost(early.rubricFile, RUBRIC_BOUNDS.bytes + 1);
    if (bytes.length > RUBRIC_BOUNDS.bytes) return undefined;
    const parsed = parseYaml(bytes.toString("utf8"));
    if (!parsed.ok) return undefined;
    const document = parsed.value as { id?: unknown; images?: unknown; limits?: Record<string, unknown> };
    const limits = limitsOf(document.limits);
    const images = document.images;
    if (typeof document.id !== "string" || !Array.isArray(images) || !images.every((image) => typeof image === "string")) return undefined;
    if (Object.values(limits).some((value) => value === undefined)) return undefined;
    return sandboxRequest({ id: document.id, images, limits: overriddenLimits(limits as Limits, early.overrides ?? {}) }, early.submissionDir, early.provisioning);
  } catch {
    return undefined;
  }
}

/** Starts the sandbox the rubric's text asks for; undefined (nothing started) when the text does not say. */
export function startEarly(early: EarlyRequest): EarlySandbox | undefined {
  const request = requestAhead(early);
  if (!request) return undefined;
  let createdNow = () => undefined as void;
  const created = new Promise<void>((resolve) => (createdNow = resolve));
  const started = Sandbox.start(request, createdNow);
  // A failed start is the grading's to report (the same request fails the same way), or nobody's.
  started.then(undefined, createdNow);
  let taken = false;
  let removed: Promise<void> | undefined;
  const discard = () => (removed ??= started.then((sandbox) => sandbox.dispose(), () => undefined));
  return {
    created,
    start(wanted) {
      if (!removed && isDeepStrictEqual(wanted, request)) {
        taken = true;
        return started;
      }
      // Another sandbox is wanted: this one goes while that one starts.
      void discard();
      return Sandbox.start(wanted);
    },
    discard: async () => {
      if (!taken) await discard();
    },
  };
}
