/** Copies host images into a DinD container's engine: docker save | docker load, then tags. */
import { dockerCliEnv } from "./host-engine";

export interface ResolvedImage {
  /** The name inside the sandbox (mysql:8.0). */
  upstream: string;
  /** The host image that provides it (mysql:8.0 or labgrade-standin/mysql-8.0:latest). */
  hostName: string;
  id: string;
}

export async function transferImages(containerId: string, images: ResolvedImage[]): Promise<void> {
  // Loaded here: a grading that never needs it does not pay for loading it.
  const { execa } = require("execa") as typeof import("execa");
  const hostNames = [...new Set(images.map((image) => image.hostName))];
  const env = await dockerCliEnv();
  // A shell pipe streams the archive; nothing of it is held in this process's memory.
  await execa("bash", ["-o", "pipefail", "-c", `docker save "\${@:2}" | docker exec -i "$1" docker load -q >/dev/null`, "transfer", containerId, ...hostNames], { env });
  const retag = images.map((image) => `docker tag '${image.hostName}' '${image.upstream}'`);
  // Stand-in names stay on the host: inside, the lab sees only the upstream names.
  const untag = hostNames.filter((name) => !images.some((image) => image.upstream === name)).map((name) => `docker rmi '${name}' >/dev/null`);
  await execa("docker", ["exec", containerId, "sh", "-ec", [...retag, ...untag].join("\n")], { env });
}
