/**
 * Checks that run a command in a student's container first make sure it
 * runs: a missing or stopped container is said plainly, and retrying cannot
 * change it (the student's script has ended), so the outcome is final.
 * The graders that use it spread these messages into their own.
 */
import type { GraderContext, Outcome } from "../types";

export const runningMessages = {
  notRunning: "Expected container {name} to be running, but it is {status}. Look at why it stopped with `docker logs {name}`.",
  noContainer: "Expected a running container named {name}, but there is none. Check the --name of your docker run commands.",
};

export const runningMessagesFr = {
  notRunning: "Le conteneur {name} devait être en cours d'exécution, mais son état est {status}. Regardez pourquoi il s'est arrêté avec `docker logs {name}`.",
  noContainer: "Un conteneur nommé {name} devait être en cours d'exécution, mais il n'y en a aucun. Vérifiez le --name de vos commandes docker run.",
} satisfies Record<keyof typeof runningMessages, string>;

export async function notRunning(ctx: GraderContext, name: string): Promise<Outcome | undefined> {
  const info = await ctx.docker.container(name);
  if (info?.State.Running) return undefined;
  const actual = info ? `container ${name} is ${info.State.Status}` : `no container named ${name}`;
  return {
    passed: false,
    final: true,
    messageId: info ? "notRunning" : "noContainer",
    data: info ? { name, status: info.State.Status } : { name },
    expected: `container ${name} running`,
    actual,
  };
}
