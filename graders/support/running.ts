/**
 * Checks that run a command in a student's container first make sure it
 * runs: a missing or stopped container is said plainly, and retrying cannot
 * change it (the student's script has ended), so the outcome is final.
 * The graders that use it spread these messages into their own.
 */
import type { GraderContext, Outcome, Phrase } from "../types";
import { similarName } from "./near";

export const runningMessages = {
  notRunning: "Expected container {name} to be running, but it is {status}. Look at why it stopped with `docker logs {name}`.",
  noContainer: "Expected a running container named {name}, but there is none. Check the --name of your docker run commands.",
};

export const runningMessagesFr = {
  notRunning: "Le conteneur {name} devait être en cours d'exécution, mais il est {status}. Regardez pourquoi il s'est arrêté avec `docker logs {name}`.",
  noContainer: "Un conteneur nommé {name} devait être en cours d'exécution, mais il n'y en a aucun. Vérifiez le --name de vos commandes docker run.",
} satisfies Record<keyof typeof runningMessages, string>;

/** Docker's state words, in the student's language ("exited" reads "arrêté"). */
export function statePhrase(status: string): Phrase {
  return Object.hasOwn(containerPhrases.en, `state.${status}`) ? { id: `state.${status}` } : { id: "state.other", data: { status } };
}

/** "no container named lamp-web", or, for a near miss, "…, but lamp_web exists". */
export async function noContainerPhrase(ctx: GraderContext, name: string): Promise<Phrase> {
  const similar = similarName(name, await ctx.docker.containerNames());
  return similar ? { id: "container.missingSimilar", data: { name, similar } } : { id: "container.missing", data: { name } };
}

export async function notRunning(ctx: GraderContext, name: string): Promise<Outcome | undefined> {
  const info = await ctx.docker.container(name);
  if (info?.State.Running) return undefined;
  const status = info && statePhrase(info.State.Status);
  return {
    passed: false,
    final: true,
    messageId: status ? "notRunning" : "noContainer",
    data: status ? { name, status } : { name },
    expected: [{ id: "container.running", data: { name } }],
    actual: [status ? { id: "container.is", data: { name, state: status } } : await noContainerPhrase(ctx, name)],
  };
}

export const containerPhrases = {
  en: {
    "container.running": "container {name} running",
    "container.is": "container {name} is {state}",
    "container.named": "a container named {name}",
    "container.missing": "no container named {name}",
    "container.missingSimilar": "no container named {name}, but {similar} exists",
    "state.running": "running",
    "state.exited": "stopped (exited)",
    "state.created": "created but never started",
    "state.paused": "paused",
    "state.restarting": "restarting over and over",
    "state.removing": "being removed",
    "state.dead": "dead",
    "state.absent": "absent",
    "state.other": "{status}",
  },
  fr: {
    "container.running": "le conteneur {name} en cours d'exécution",
    "container.is": "le conteneur {name} est {state}",
    "container.named": "un conteneur nommé {name}",
    "container.missing": "aucun conteneur nommé {name}",
    "container.missingSimilar": "aucun conteneur nommé {name}, mais {similar} existe",
    "state.running": "en cours d'exécution",
    "state.exited": "arrêté (exited)",
    "state.created": "créé mais jamais démarré",
    "state.paused": "en pause",
    "state.restarting": "en redémarrage permanent",
    "state.removing": "en cours de suppression",
    "state.dead": "mort",
    "state.absent": "absent",
    "state.other": "{status}",
  },
};
