/**
 * dockerode as labgrade drives it: an engine on a local socket or plain tcp.
 * As it loads, dockerode loads ssh2 (for ssh:// engines, which testcontainers
 * reaches instead here) and gRPC (for BuildKit build sessions, never asked for):
 * 0.2–0.4 s of every command that talks to an engine. Each of the two modules is
 * stood in for by a function that loads the real one when it is first called.
 */
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type Dockerode from "dockerode";

type Loaded = (this: unknown, ...args: unknown[]) => unknown;

/** Stands in for the module at `file` (one that exports a function) until the function is called. */
function putOff(file: string): void {
  if (require.cache[file] || !fs.existsSync(file)) return;
  let real: Loaded | undefined;
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = function (this: unknown, ...args: unknown[]) {
    if (!real) {
      delete require.cache[file];
      real = require(file) as Loaded;
    }
    return real.apply(this, args);
  };
  require.cache[file] = standIn;
}

export function loadDockerode(): typeof Dockerode {
  const main = require.resolve("dockerode");
  const modem = require.resolve("docker-modem", { paths: [path.dirname(main)] });
  putOff(path.join(path.dirname(main), "session.js"));
  putOff(path.join(path.dirname(modem), "ssh.js"));
  return require(main) as typeof Dockerode;
}
