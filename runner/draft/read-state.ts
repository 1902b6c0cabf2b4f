/**
 * Reads the end state of a reference answer from its sandbox's engine: named
 * volumes and the files in them, containers (image, state, the variables the
 * script set, ports, mounts, networks, links) and the HTTP pages that answer.
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import type { ContainerInspectInfo } from "dockerode";
import type { GraderContext } from "../../graders/types";
import { SERVICE_LABEL } from "../../graders/support/container-target";
import { publishedPorts } from "../../graders/support/published-ports";
import type { ContainerState, EndState, HttpAnswer, MountState, ScriptEnd, VolumeFile, VolumeState } from "./state";

/** More files than this in a volume are a service's data, not what a script wrote. */
const MAX_FILES = 20;
const MAX_TEXT_BYTES = 4096;
/** How long a published port may take to answer after the script ended. */
const HTTP_WAIT_MS = 30_000;

type Ctx = Pick<GraderContext, "shell" | "docker" | "submissionDir" | "probeImage">;

const ANONYMOUS = /^[0-9a-f]{64}$/;

function envOf(list: string[] | undefined): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of list ?? []) {
    const eq = entry.indexOf("=");
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

async function imageConfig(ctx: Ctx, image: string): Promise<{ Env?: string[]; Volumes?: Record<string, unknown> | null; ExposedPorts?: Record<string, unknown> | null }> {
  const found = await ctx.docker.cli(["image", "inspect", image, "--format", "{{json .Config}}"]);
  try {
    return found.exitCode === 0 ? JSON.parse(found.stdout) : {};
  } catch {
    return {};
  }
}

function mountOf(mount: ContainerInspectInfo["Mounts"][number], submissionDir: string): MountState | undefined {
  const readOnly = !mount.RW;
  if (mount.Type === "volume") return mount.Name && !ANONYMOUS.test(mount.Name) ? { type: "volume", source: mount.Name, destination: mount.Destination, readOnly } : undefined;
  if (mount.Type === "bind") {
    const inside = path.posix.relative(submissionDir, mount.Source);
    const source = !inside.startsWith("..") && !path.posix.isAbsolute(inside) ? `./${inside}`.replace(/\/$/, "") : mount.Source;
    return { type: "bind", source: source === "./" ? "." : source, destination: mount.Destination, readOnly };
  }
  if ((mount.Type as string) === "tmpfs") return { type: "tmpfs", destination: mount.Destination, readOnly };
  return undefined;
}

async function readContainer(ctx: Ctx, name: string): Promise<ContainerState | undefined> {
  const info = await ctx.docker.container(name);
  if (!info) return undefined;
  const image = info.Config.Image;
  const config = await imageConfig(ctx, image);
  const imageEnv = envOf(config.Env);
  const env: Record<string, string> = {};
  for (const [key, value] of envOf(info.Config.Env)) if (imageEnv.get(key) !== value) env[key] = value;
  const ports: ContainerState["ports"] = [];
  for (const [spec, hosts] of publishedPorts(info)) {
    const [port, protocol] = spec.split("/");
    for (const hostPort of hosts) {
      const host = Number(hostPort);
      if (host > 0 && !ports.some((p) => p.container === Number(port) && p.host === host)) ports.push({ container: Number(port), host, protocol: protocol === "udp" ? "udp" : "tcp" });
    }
  }
  const mounts = (info.Mounts ?? []).map((m) => mountOf(m, ctx.submissionDir)).filter((m): m is MountState => m !== undefined);
  mounts.sort((a, b) => a.destination.localeCompare(b.destination));
  for (const destination of Object.keys((info.HostConfig as { Tmpfs?: Record<string, string> }).Tmpfs ?? {})) {
    if (!mounts.some((m) => m.destination === destination)) mounts.push({ type: "tmpfs", destination, readOnly: false });
  }
  const ownNames = new Set([name, info.Id.slice(0, 12), info.Config.Hostname]);
  const networks = Object.entries(info.NetworkSettings.Networks ?? {})
    .filter(([network]) => !["bridge", "host", "none"].includes(network))
    .map(([network, endpoint]) => ({ name: network, aliases: ((endpoint.Aliases ?? []) as string[]).filter((alias) => !ownNames.has(alias) && !info.Id.startsWith(alias)) }));
  const links = ((info.HostConfig.Links ?? []) as string[]).map((link) => {
    const [target, alias] = link.split(":");
    return { target: target.replace(/^\//, ""), alias: path.posix.basename(alias) };
  });
  const exposed = Object.keys(info.Config.ExposedPorts ?? config.ExposedPorts ?? {})
    .filter((spec) => spec.endsWith("/tcp"))
    .map((spec) => Number(spec.split("/")[0]))
    .sort((a, b) => a - b);
  const state = info.State.Status === "running" || info.State.Status === "paused" || info.State.Status === "created" ? info.State.Status : "exited";
  return {
    name,
    service: info.Config.Labels?.[SERVICE_LABEL],
    image,
    state,
    env,
    ports,
    mounts,
    networks,
    links,
    exposed,
    imageVolumes: Object.keys(config.Volumes ?? {}),
    workingDir: info.Config.WorkingDir || undefined,
  };
}

// Lists a volume's files with their sizes, and the small ones' bytes in base64.
const LIST_FILES = `cd /v || exit 1
find . -type f | wc -l
find . -type f | sort | head -n ${MAX_FILES} | while IFS= read -r f; do
  s=$(wc -c < "$f" | tr -d ' ')
  printf '%s\\t%s\\t' "$s" "\${f#./}"
  if [ "$s" -le ${MAX_TEXT_BYTES} ]; then base64 < "$f" | tr -d '\\n'; fi
  echo
done`;

function textOf(bytes: Buffer): string | undefined {
  const text = bytes.toString("utf8");
  return !text.includes("\u0000") && !text.includes("\uFFFD") ? text : undefined;
}

async function readVolume(ctx: Ctx, name: string, containers: ContainerState[]): Promise<VolumeState> {
  for (const container of containers) {
    const mount = container.mounts.find((m) => m.type === "volume" && m.source === name && container.imageVolumes.includes(m.destination));
    if (mount) return { name, files: [], skipFiles: { reason: "service-data", container: container.name, image: container.image, destination: mount.destination } };
  }
  const listed = await ctx.docker.probe({ image: ctx.probeImage, network: "none", mounts: [{ source: name, target: "/v" }], argv: ["sh", "-c", LIST_FILES] });
  if (listed.exitCode !== 0) return { name, files: [] };
  const [count, ...rows] = listed.stdout.split("\n");
  if (Number(count) > MAX_FILES) return { name, files: [], skipFiles: { reason: "too-many", count: Number(count) } };
  const files: VolumeFile[] = [];
  for (const row of rows.filter(Boolean)) {
    const [size, file, content] = row.split("\t");
    const bytes = Number(size);
    files.push({ path: file, size: bytes, ...(content !== undefined && bytes <= MAX_TEXT_BYTES ? { text: textOf(Buffer.from(content, "base64")) } : {}) });
  }
  return { name, files };
}

async function curl(ctx: Ctx, url: string): Promise<{ status: number; body: string }> {
  const result = await ctx.shell.exec(["curl", "-s", "-m", "5", "-o", "-", "-w", "\n%{http_code}", url], { timeoutMs: 10_000 });
  const cut = result.stdout.lastIndexOf("\n");
  return { status: Number(result.stdout.slice(cut + 1)) || 0, body: result.stdout.slice(0, Math.max(0, cut)) };
}

/** The longest part of a text without a version number in it: "PHP 8.2.32 - phpinfo()" gives phpinfo(). */
export function withoutVersions(text: string): string | undefined {
  if (!/\d/.test(text)) return text;
  const parts = text.split(/[\s:-]*\bv?\d[\w.]*[\s:-]*/).map((p) => p.trim()).filter((p) => p.length >= 3);
  return parts.sort((a, b) => b.length - a.length)[0];
}

/** The page's title, else its first heading, else its first line, versions left out: what a person would look for. */
export function markerOf(body: string): string | undefined {
  const tag = (name: string) => new RegExp(`<${name}[^>]*>([^<]{3,80})</${name}>`, "i").exec(body)?.[1]?.trim();
  const line = body
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.length >= 3);
  const found = tag("title") ?? tag("h1") ?? line?.slice(0, 60);
  return found === undefined ? undefined : withoutVersions(found);
}

/** Where a file of a volume may be served: at the root, or under its mount's place below another mount or the working folder. */
export function candidatePaths(container: ContainerState, mount: MountState, file: string): string[] {
  const roots = [...container.mounts.map((m) => m.destination), ...(container.workingDir ? [container.workingDir] : [])];
  const paths = new Set([`/${file}`]);
  for (const root of roots) {
    if (root !== mount.destination && mount.destination.startsWith(`${root}/`)) paths.add(`/${mount.destination.slice(root.length + 1)}/${file}`);
  }
  return [...paths];
}

async function probePage(ctx: Ctx, port: number, page: string): Promise<Omit<HttpAnswer, "file"> | undefined> {
  const token = randomBytes(6).toString("hex");
  const first = await curl(ctx, `http://localhost:${port}${page}?labgrade=${token}`);
  if (first.status === 0) return undefined;
  const second = await curl(ctx, `http://localhost:${port}${page}`);
  const marker = markerOf(first.body);
  return {
    port,
    path: page,
    status: first.status,
    marker: marker && second.body.includes(marker) ? marker : undefined,
    echoesQuery: first.body.includes(token) && !second.body.includes(token),
  };
}

/** Waits for a published port to answer HTTP at all; false when it never does (not a web server). */
async function answersHttp(ctx: Ctx, port: number): Promise<boolean> {
  const deadline = Date.now() + HTTP_WAIT_MS;
  for (;;) {
    if ((await curl(ctx, `http://localhost:${port}/`)).status > 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function readHttp(ctx: Ctx, containers: ContainerState[], volumes: VolumeState[]): Promise<HttpAnswer[]> {
  const answers: HttpAnswer[] = [];
  for (const container of containers.filter((c) => c.state === "running")) {
    for (const port of container.ports.filter((p) => p.protocol === "tcp")) {
      if (!(await answersHttp(ctx, port.host))) continue;
      let served = false;
      for (const mount of container.mounts.filter((m) => m.type === "volume")) {
        for (const file of volumes.find((v) => v.name === mount.source)?.files ?? []) {
          for (const page of candidatePaths(container, mount, file.path)) {
            const answer = await probePage(ctx, port.host, encodeURI(page));
            if (answer?.status === 200) {
              answers.push({ ...answer, file: { volume: mount.source!, path: file.path } });
              served = true;
              break;
            }
          }
        }
      }
      if (!served) {
        const root = await probePage(ctx, port.host, "/");
        if (root) answers.push(root);
      }
    }
  }
  return answers;
}

export async function readEndState(ctx: Ctx, script: ScriptEnd): Promise<EndState> {
  const containers: ContainerState[] = [];
  for (const name of (await ctx.docker.containerNames()).sort()) {
    const container = await readContainer(ctx, name);
    if (container) containers.push(container);
  }
  const volumes: VolumeState[] = [];
  for (const name of (await ctx.docker.volumeNames()).sort()) {
    const info = await ctx.docker.volume(name);
    if (ANONYMOUS.test(name) || info?.Labels?.["com.docker.volume.anonymous"] !== undefined) continue;
    volumes.push(await readVolume(ctx, name, containers));
  }
  return { script, volumes, containers, http: await readHttp(ctx, containers, volumes) };
}
