/**
 * Which Docker engine a sandbox runs: what students' scripts meet, so results
 * and `labgrade --version` name it. Setup labels the sandbox image with it;
 * a running sandbox's dockerd says it in its first lines.
 */
import { dockerCliEnv, hostDocker } from "./host-engine";
import { ENGINE_LABEL } from "./image-label";

export { ENGINE_LABEL };

/** From dockerd's startup line `msg="Docker daemon" ... version=26.1.5+dfsg1`. */
export function engineVersionFromLog(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const found = /msg="Docker daemon".*\bversion=(\S+)/.exec(line);
    if (found) return found[1];
  }
  return undefined;
}

/** Asks the image itself (`dockerd --version`), in a container with no network that is removed at once. */
export async function askImageEngine(image: string): Promise<string> {
  // Loaded here: a grading that never needs it does not pay for loading it.
  const { execa } = require("execa") as typeof import("execa");
  const answered = await execa("docker", ["run", "--rm", "--network", "none", "--entrypoint", "dockerd", image, "--version"], { env: await dockerCliEnv() });
  const found = /version ([^\s,]+)/.exec(answered.stdout);
  if (!found) throw new Error(`${image}: no version in "dockerd --version": ${answered.stdout}`);
  return found[1];
}

/** The engine version of the sandbox image: its label, else asked of the image (an image setup did not build). */
export async function imageEngineVersion(image: string): Promise<string> {
  const labels = (await (await hostDocker()).getImage(image).inspect()).Config?.Labels ?? {};
  return labels[ENGINE_LABEL] ?? (await askImageEngine(image));
}
