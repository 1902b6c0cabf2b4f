/** Whether a host name reaches a port from inside a container (links, aliases, networks). */
import type { Grader, Outcome } from "./types";
import { notRunning, runningMessages, runningMessagesFr } from "./support/running";
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
  error: "The connection from {from} could not be tried: a command could not run in it. Check that the container is running, then try `docker exec {from} sh`.",
  "tcp.reachable": "{host}:{port} reachable from {from}",
  "tcp.unresolved": "the name {host} does not resolve in {from}",
  "tcp.closed": "{host} resolves, but nothing answers on its port {port}",
  "tcp.noTool": "neither bash nor nc in {from}",
  "tcp.error": "no command could run in {from}",
};

const messagesFr = {
  ...runningMessagesFr,
  ...targetMessagesFr,
  unresolved: "Depuis {from}, le nom {host} ne se résout pas. {host} devait désigner l'autre conteneur : liez-le (--link <conteneur>:{host}) ou placez les deux sur un même réseau avec l'alias {host}.",
  refused: "Depuis {from}, {host} se résout mais le port {port} ne répond pas. Vérifiez que le service écoute sur le port {port} et qu'il tourne.",
  noTool: "Le conteneur {from} n'a ni bash ni nc : la connexion n'a pas pu être testée.",
  error: "La connexion depuis {from} n'a pas pu être testée : aucune commande n'a pu s'y exécuter. Vérifiez que le conteneur tourne, puis essayez `docker exec {from} sh`.",
  "tcp.reachable": "{host}:{port} joignable depuis {from}",
  "tcp.unresolved": "le nom {host} ne se résout pas dans {from}",
  "tcp.closed": "{host} se résout, mais rien ne répond sur son port {port}",
  "tcp.noTool": "ni bash ni nc dans {from}",
  "tcp.error": "aucune commande n'a pu s'exécuter dans {from}",
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
    const expected = [{ id: "tcp.reachable", data }];
    const failure = (messageId: string, actual: string, final = false): Outcome => ({ passed: false, final: final || undefined, messageId, data, expected, actual: [{ id: actual, data }] });
    switch (result.exitCode) {
      case 0:
        return { passed: true };
      case 3:
        return failure("unresolved", "tcp.unresolved", true);
      case 4:
        return failure("refused", "tcp.closed");
      case 5:
        return failure("noTool", "tcp.noTool");
      default:
        return failure("error", "tcp.error");
    }
  },
};

