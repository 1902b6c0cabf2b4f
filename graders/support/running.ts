/**
 * Checks that run a command in a student's container first make sure it
 * runs: a missing or stopped container is said plainly, and retrying cannot
 * change it (the student's script has ended), so the outcome is final.
 */
import type { GraderContext, Outcome } from "../types";

export async function notRunning(ctx: GraderContext, name: string): Promise<Outcome | undefined> {
  const info = await ctx.docker.container(name);
  if (info?.State.Running) return undefined;
  const actual = info ? `container ${name} is ${info.State.Status}` : `no container named ${name}`;
  return {
    passed: false,
    final: true,
    message: info
      ? `Expected container ${name} to be running, but it is ${info.State.Status}. Look at why it stopped with \`docker logs ${name}\`.`
      : `Expected a running container named ${name}, but there is none. Check the --name of your docker run commands.`,
    expected: `container ${name} running`,
    actual,
  };
}
