/** Removes what crashed or interrupted runs left behind (containers, stale seeds) and says what went. */
import type { Io } from "./io";
import { removeOrphans } from "./sandbox/orphans";

export async function removeLeftovers(io: Io, options: { quiet?: boolean } = {}): Promise<void> {
  const report = await removeOrphans();
  if (report.containers.length) io.out(`removed containers: ${report.containers.join(", ")}`);
  if (report.seeds.length) io.out(`removed stale seeds: ${report.seeds.join(", ")}`);
  if (!options.quiet && !report.containers.length && !report.seeds.length) io.out("nothing to clean");
}
