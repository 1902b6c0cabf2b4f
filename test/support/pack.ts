/**
 * labgrade as a user installs it: `npm pack` of this checkout (its built dist/), then
 * `npm install --global` of the tarball into a prefix of the test's own, with npm's
 * defaults otherwise (install scripts are not needed, so it does not matter that npm
 * blocks them for global installs).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "./cli";

/** The tarball `npm pack` writes into `dir`. */
export function packLabgrade(dir: string): string {
  // dist/ is built already (the e2e tests run the built CLI); prepare would only build it again.
  const out = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--loglevel=error", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" });
  return path.join(dir, (JSON.parse(out) as { filename: string }[])[0]!.filename);
}

/** The `labgrade` executable of `tarball` installed into `prefix`. */
export function installLabgrade(tarball: string, prefix: string): string {
  execFileSync("npm", ["install", "--global", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball], {
    cwd: path.dirname(tarball),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const bin = path.join(prefix, "bin", "labgrade");
  if (!fs.existsSync(bin)) throw new Error(`npm installed no labgrade in ${prefix}/bin`);
  return bin;
}
