/**
 * Which host image provides each image a lab uses. A real image under the
 * upstream name (pulled where a registry is reachable) wins; otherwise the
 * stand-in built from images/, which keeps a name of its own.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../paths";

export const IMAGES_DIR = path.join(REPO_ROOT, "images");
const STANDIN_PREFIX = "labgrade-standin/";

/** Present in every sandbox for short-lived probe containers (reading a volume). */
export const PROBE_IMAGE = "labgrade/probe:latest";
const PROBE_SOURCE = "alpine:latest";

/** What stand-ins build FROM: their recipes name Debian 12's packages. */
export const STANDIN_BASE = "labgrade-standin/debian:bookworm";
/**
 * The sandbox's recipe, and what it builds FROM: Debian 13, so that students'
 * scripts meet today's engine (docker.io 26 with Compose and Buildx). Constants,
 * not catalog entries: naming the sandbox image (`labgrade --version`) then reads no YAML.
 */
export const SANDBOX_RECIPE = "sandbox";
const SANDBOX_BASE = "labgrade-standin/debian:trixie";

/** images/stand-ins.yaml: the lab images that have a stand-in. */
export interface Catalog {
  /** upstream name -> recipe folder */
  images: Record<string, string>;
}

let cached: Catalog | undefined;

export function catalog(): Catalog {
  if (!cached) {
    // Loaded here: js-yaml is a fifth of what `labgrade --version` costs, and it needs no catalog.
    const yaml = require("js-yaml") as typeof import("js-yaml");
    cached = yaml.load(fs.readFileSync(path.join(IMAGES_DIR, "stand-ins.yaml"), "utf8")) as Catalog;
  }
  return cached;
}

const recipeTags = new Map<string, string>();

/**
 * A stand-in's tag is a hash of its recipe and base, so that two checkouts of
 * labgrade with different recipes share one engine without rebuilding each
 * other's images, and a changed recipe is a new image, never a moved tag.
 */
function recipeTag(recipe: string): string {
  let tag = recipeTags.get(recipe);
  if (!tag) {
    const dir = recipeDir(recipe);
    const hash = createHash("sha256").update(baseOf(recipe));
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      hash.update(`\0${name}\0${fs.statSync(file).mode & 0o111 ? "x" : "-"}\0`).update(fs.readFileSync(file));
    }
    tag = hash.digest("hex").slice(0, 12);
    recipeTags.set(recipe, tag);
  }
  return tag;
}

/** The image a recipe builds FROM. */
export function baseOf(recipe: string): string {
  return recipe === SANDBOX_RECIPE ? SANDBOX_BASE : STANDIN_BASE;
}

export function standinName(recipe: string): string {
  return `${STANDIN_PREFIX}${recipe}:${recipeTag(recipe)}`;
}

/** The same image under `latest`, for people reading `docker images`; nothing resolves it. */
export function standinLatestName(recipe: string): string {
  return `${STANDIN_PREFIX}${recipe}:latest`;
}

export function recipeDir(recipe: string): string {
  return path.join(IMAGES_DIR, recipe);
}

export function sandboxImageName(): string {
  return process.env.LABGRADE_SANDBOX_IMAGE ?? standinName(SANDBOX_RECIPE);
}

/** An image as the lab names it inside the sandbox, and the host image that provides it. */
export interface ImageSource {
  upstream: string;
  /** Candidates on the host, best first: the real image, then the stand-in. */
  candidates: string[];
}

/** The images a sandbox for this lab holds: the lab's own, and the probe's source. */
export function sandboxImages(images: string[]): string[] {
  return [...new Set([...images, PROBE_SOURCE])].sort();
}

export function sourcesFor(images: string[]): ImageSource[] {
  const wanted = sandboxImages(images);
  const sources = wanted.map((upstream) => {
    const recipe = catalog().images[upstream];
    return { upstream, candidates: recipe ? [upstream, standinName(recipe)] : [upstream] };
  });
  const probe = sources.find((s) => s.upstream === PROBE_SOURCE)!;
  return [...sources, { upstream: PROBE_IMAGE, candidates: probe.candidates }];
}
