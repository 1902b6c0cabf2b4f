/**
 * Short-lived probe containers: how graders look inside volumes (or the
 * submission folder) without touching the student's containers.
 */
import type { VolumeInspectInfo } from "dockerode";
import type { CommandResult, GraderContext, ProbeMount } from "../types";

/**
 * Marks the harness's probe containers. Listings of the student's containers leave
 * them out: checks that run side by side must not see each other's probes, and a
 * student's own engine never shows them.
 */
export const PROBE_LABEL = "labgrade.probe";

/** Whether a container's labels mark it as one of the harness's probes. */
export const isProbe = (labels: Record<string, string> | null | undefined) => Boolean(labels?.[PROBE_LABEL]);

/** A script run in a probe without a network, the mounts at their targets (read-only unless writable). */
export function runProbe(ctx: GraderContext, mounts: ProbeMount[], script: string, args: string[] = [], timeoutMs = 60_000): Promise<CommandResult> {
  return ctx.docker.probe({ image: ctx.probeImage, network: "none", mounts, argv: ["sh", "-c", script, "probe", ...args], timeoutMs });
}

/** A refusal when a volume the check reads does not exist (a probe would silently create it). */
export async function missingVolume(ctx: GraderContext, volume: string): Promise<CommandResult | undefined> {
  return (await ctx.docker.volume(volume)) ? undefined : { exitCode: 125, stdout: "", stderr: `no volume named ${volume}` };
}

/**
 * Where a volume's files lie in the sandbox itself, so that reading them needs no
 * probe (starting one costs most of a second): a local volume without options is
 * a plain folder of the engine's. A volume with options (type tmpfs, nfs, a bind)
 * is mounted only inside the containers that use it: a probe must mount it.
 */
export function volumeFolder(volume: VolumeInspectInfo): string | undefined {
  const plain = volume.Driver === "local" && Object.keys(volume.Options ?? {}).length === 0;
  return plain && volume.Mountpoint?.startsWith("/") ? volume.Mountpoint : undefined;
}

/**
 * Runs a script that reads volumes, given their folders as $1, $2, ...: in the
 * sandbox itself when every one is a plain folder there, else in a probe that
 * mounts them read-only.
 */
export function readVolumes(ctx: GraderContext, volumes: VolumeInspectInfo[], script: string, timeoutMs = 60_000): Promise<CommandResult> {
  const folders = volumes.map(volumeFolder);
  if (folders.every((folder) => folder !== undefined)) return ctx.shell.exec(["sh", "-c", script, "read", ...(folders as string[])], { timeoutMs });
  const targets = volumes.map((_, i) => `/volume-${i + 1}`);
  return runProbe(ctx, volumes.map((volume, i) => ({ source: volume.Name, target: targets[i] })), script, targets, timeoutMs);
}
