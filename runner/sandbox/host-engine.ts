/**
 * The host's Docker engine: the one the docker CLI reaches from the environment
 * alone (DOCKER_HOST or the default socket), with dockerode; where more is
 * configured (TLS, ssh, a context, testcontainers' properties), the engine
 * testcontainers' runtime client resolves. testcontainers loads only then: it
 * costs most of a second.
 */
import type Dockerode from "dockerode";
import { SandboxUnavailableError } from "../errors";
import { engineAddress } from "./image-label";
import { loadDockerode } from "./lean-dockerode";

// Ryuk's image cannot be pulled on every machine; labgrade cleans up by labels.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";

let client: Promise<Dockerode> | undefined;

async function resolved(): Promise<Dockerode> {
  const address = engineAddress();
  if (!address) {
    const { getContainerRuntimeClient } = require("testcontainers") as typeof import("testcontainers");
    return (await getContainerRuntimeClient()).container.dockerode;
  }
  const DockerodeClass = loadDockerode();
  const docker = new DockerodeClass(address);
  await docker.ping();
  return docker;
}

async function connect(): Promise<Dockerode> {
  try {
    return await resolved();
  } catch (error) {
    throw new SandboxUnavailableError(
      `No Docker engine answers (${(error as Error).message.split("\n")[0]}). Start one, or run \`npm run setup\` to install and start Debian's docker.io.`,
    );
  }
}

export function hostDocker(): Promise<Dockerode> {
  client ??= connect().catch((error) => {
    client = undefined;
    throw error;
  });
  return client;
}

/** Whether an image exists on the host engine. */
export async function hasImage(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch {
    return false;
  }
}

/**
 * Environment for the docker CLI (run through execa), pointing it at the
 * engine resolved above: a DOCKER_HOST that fell back to the
 * default socket must not send the CLI elsewhere.
 */
export async function dockerCliEnv(): Promise<Record<string, string>> {
  const modem = (await hostDocker()).modem as { socketPath?: string; host?: string; port?: number | string };
  if (modem.socketPath) return { DOCKER_HOST: `unix://${modem.socketPath}` };
  if (modem.host) return { DOCKER_HOST: `tcp://${modem.host}:${modem.port ?? 2375}` };
  return {};
}
