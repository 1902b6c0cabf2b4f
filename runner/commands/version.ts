/** `labgrade --version`: labgrade's own version and the Docker engine students' scripts meet in the sandbox. */
import type { Io } from "../io";
import { packageVersion } from "../paths";
import { sandboxImageName } from "../sandbox/catalog";
import { ENGINE_LABEL, quickImageLabels } from "../sandbox/image-label";

/**
 * The sandbox image's label, read in one request; only an image without it (or
 * an engine reached another way) loads the Docker client, which costs a second.
 */
async function engineVersion(image: string): Promise<string> {
  const label = (await quickImageLabels(image))?.[ENGINE_LABEL];
  if (label) return label;
  const { imageEngineVersion } = require("../sandbox/engine-version") as typeof import("../sandbox/engine-version");
  return imageEngineVersion(image);
}

export async function versionCommand(io: Io): Promise<number> {
  io.out(`labgrade ${packageVersion()}`);
  const image = sandboxImageName();
  const engine = await engineVersion(image).then(
    (version) => `Docker ${version}`,
    (error: Error) => `unknown (${error.message.split("\n")[0]}; \`npm run setup\` builds the sandbox image)`,
  );
  io.out(`sandbox engine: ${engine} (${image})`);
  return 0;
}
