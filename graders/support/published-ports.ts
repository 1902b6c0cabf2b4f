/**
 * The ports a container publishes, as its inspection records them. A container on
 * the host's network (--network host) publishes none: Docker discards its -p (the
 * CLI warns) yet keeps them in HostConfig.PortBindings, where they would read as published.
 */
import type { ContainerInspectInfo } from "dockerode";

/** "80/tcp" -> the host ports it is published on ("8080"), in the inspection's order. */
export function publishedPorts(info: ContainerInspectInfo): [string, string[]][] {
  if (onHostNetwork(info)) return [];
  return Object.entries(info.HostConfig.PortBindings ?? {}).map(([port, list]) => [
    port,
    ((list ?? []) as { HostPort?: string }[]).map((binding) => binding.HostPort).filter((host): host is string => Boolean(host)),
  ]);
}

export function onHostNetwork(info: ContainerInspectInfo): boolean {
  return info.HostConfig.NetworkMode === "host";
}
