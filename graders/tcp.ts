/** Whether a host name reaches a port from inside a container (links, aliases, networks). */
import type { Grader, Outcome } from "./types";
import { notRunning, runningMessages, runningMessagesFr } from "./support/running";
import { tail } from "./support/shell";
import { containerRefSchema } from "./support/schemas";
import { describeTarget, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";

export interface TcpSpec {
  from: ContainerRef;
  host: string;
  port: number;
}

// Runs in the student's container, whatever its image has: bash's /dev/tcp,
// else nc. Exit 3: the name does not resolve; 4: it resolves but the port is closed.
const PROBE = `
h=$1; p=$2
getent hosts "$h" >/dev/null 2>&1 || grep -qw -- "$h" /etc/hosts || exit 3
if command -v bash >/dev/null 2>&1; then timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$h" "$p" 2>/dev/null && exit 0
elif command -v nc >/dev/null 2>&1; then nc -z -w 5 "$h" "$p" && exit 0
else exit 5
fi
exit 4`;

const messages = {
  ...runningMessages,
  ...targetMessages,
  unresolved:
    "From {from}, the name {host} does not resolve. Expected {host} to name the other container: link it (--link <container>:{host}) or put both on one network with the alias {host}.",
  refused: "From {from}, {host} resolves but port {port} does not answer. Check that the service listens on {port} and is running.",
  noTool: "Container {from} has neither bash nor nc, so the connection could not be tried.",
  error: "Could not run a command in {from}: {detail}. Check that the container is running.",
};

const messagesFr = {
  ...runningMessagesFr,
  ...targetMessagesFr,
  unresolved: "Depuis {from}, le nom {host} ne se résout pas. {host} devait désigner l'autre conteneur : liez-le (--link <conteneur>:{host}) ou placez les deux sur un même réseau avec l'alias {host}.",
  refused: "Depuis {from}, {host} se résout mais le port {port} ne répond pas. Vérifiez que le service écoute sur le port {port} et qu'il tourne.",
  noTool: "Le conteneur {from} n'a ni bash ni nc : la connexion n'a pas pu être testée.",
  error: "Impossible d'exécuter une commande dans {from} : {detail}. Vérifiez que le conteneur tourne.",
} satisfies Record<keyof typeof messages, string>;

export const tcp: Grader<TcpSpec> = {
  meta: {
    type: "tcp",
    kinds: ["check"],
    description: "From inside a container, a host name resolves and a TCP port answers on it.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["from", "host", "port"],
    description: "A TCP connection attempted from inside a container.",
    properties: {
      from: containerRefSchema("The container the connection starts from."),
      host: { type: "string", minLength: 1, description: "The host name to reach (a link name, a network alias, a container name)." },
      port: { type: "integer", minimum: 1, maximum: 65535, description: "The TCP port." },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `from ${describeTarget(spec.from)}, ${spec.host}:${spec.port} answers`,
  async evaluate(ctx, spec): Promise<Outcome> {
    const target = await resolveContainer(ctx, spec.from);
    if (target.outcome) return target.outcome;
    const from = target.name;
    const stopped = await notRunning(ctx, from);
    if (stopped) return stopped;
    const result = await ctx.docker.cli(["exec", from, "sh", "-c", PROBE, "probe", spec.host, String(spec.port)]);
    const data = { from, host: spec.host, port: spec.port };
    const expected = `${spec.host}:${spec.port} reachable`;
    switch (result.exitCode) {
      case 0:
        return { passed: true };
      case 3:
        return { passed: false, final: true, messageId: "unresolved", data, expected, actual: `${spec.host} does not resolve` };
      case 4:
        return { passed: false, messageId: "refused", data, expected, actual: `port ${spec.port} closed` };
      case 5:
        return { passed: false, messageId: "noTool", data, expected, actual: "no bash or nc" };
      default:
        return { passed: false, messageId: "error", data: { ...data, detail: tail(result.stderr || result.stdout) }, expected, actual: tail(result.stderr) || `exit ${result.exitCode}` };
    }
  },
};

