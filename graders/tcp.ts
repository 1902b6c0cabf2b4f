/**
 * Whether a host name reaches a port from inside a container (links, aliases,
 * networks), or from the sandbox's host, and, for isolation, that it does not.
 */
import type { CommandResult, Grader, GraderContext, Outcome, Phrase } from "./types";
import { notRunning, runningMessages, runningMessagesFr } from "./support/running";
import { containerRefSchema } from "./support/schemas";
import { describeTarget, resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";

export const TCP_EXPECTATIONS = ["answers", "unresolved", "no-connection", "unreachable"] as const;
export type TcpExpectation = (typeof TCP_EXPECTATIONS)[number];

export interface TcpSpec {
  /** Where the connection starts; the sandbox's host when left out. */
  from?: ContainerRef;
  host: string;
  port: number;
  expect?: TcpExpectation;
}

/** How long a connection may take before it counts as none: a dropped packet never answers. */
export const CONNECT_SECONDS = 3;

// Runs in the sandbox itself, or there in the network of the student's container
// (see IN_CONTAINER_NETWORK), so the student's image needs no tool at all. bash's /dev/tcp, else nc.
// A lookup that takes longer than the connection may counts as none.
// Exit 3: the name does not resolve; 4: no connection (refused, no route);
// 6: no answer within the time; 5: no tool.
const PROBE = `
h=$1; p=$2; s=$3
case $h in *[!0-9.]*) case $h in *:*) ;; *) timeout "$s" getent hosts "$h" >/dev/null 2>&1 || grep -qw -- "$h" /etc/hosts || exit 3 ;; esac ;; esac
if command -v bash >/dev/null 2>&1; then timeout "$s" bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$h" "$p" 2>/dev/null
elif command -v nc >/dev/null 2>&1; then timeout "$s" nc -z "$h" "$p" >/dev/null 2>&1
else exit 5
fi
case $? in 0) exit 0 ;; 124|137|143) exit 6 ;; *) exit 4 ;; esac`;

type Found = "answers" | "unresolved" | "refused" | "silent";

const FOUND_OF_EXIT: Record<number, Found> = { 0: "answers", 3: "unresolved", 4: "refused", 6: "silent" };

function satisfies(expectation: TcpExpectation, found: Found): boolean {
  switch (expectation) {
    case "answers":
      return found === "answers";
    case "unresolved":
      return found === "unresolved";
    case "no-connection":
      return found === "refused" || found === "silent";
    case "unreachable":
      return found !== "answers";
  }
}

/** The message for what was found when `expectation` was asked (and not met). */
function messageIdOf(expectation: TcpExpectation, found: Found, fromHost: boolean): string {
  if (expectation === "answers") return found === "unresolved" ? "unresolved" : found === "refused" ? "refused" : "silent";
  if (expectation === "unresolved") return "resolves";
  if (found === "unresolved") return "unresolvedNotAsked";
  return fromHost ? "answersFromHost" : "answers";
}

// From a container: in its network namespace, with its /etc/hosts and /etc/resolv.conf
// mounted over the sandbox's in a mount namespace of the probe's own: the interfaces,
// names and DNS the container has, and the sandbox's tools. A command rather than a
// probe container sharing its network: starting one costs a fifth of a second.
const IN_CONTAINER_NETWORK = `{ [ -z "$1" ] || mount --bind "$1" /etc/hosts; } && { [ -z "$2" ] || mount --bind "$2" /etc/resolv.conf; } && shift 2 && ${PROBE}`;

/** Runs the probe where the connection starts: in the container's network, or on the sandbox's host. */
async function probe(ctx: GraderContext, from: string | undefined, host: string, port: number): Promise<CommandResult> {
  const args = [host, String(port), String(CONNECT_SECONDS)];
  const timeoutMs = (CONNECT_SECONDS + 30) * 1000;
  if (from === undefined) return ctx.shell.exec(["sh", "-c", PROBE, "probe", ...args], { timeoutMs });
  const container = await ctx.docker.container(from);
  // Stopped since it was found running: no network to join.
  if (!container?.State.Pid) return { exitCode: 125, stdout: "", stderr: "" };
  const files = [container.HostsPath ?? "", container.ResolvConfPath ?? ""];
  const joined = ["nsenter", `--net=/proc/${container.State.Pid}/ns/net`, "unshare", "--mount", "--propagation", "private"];
  return ctx.shell.exec([...joined, "sh", "-c", IN_CONTAINER_NETWORK, "probe", ...files, ...args], { timeoutMs });
}

const messages = {
  ...runningMessages,
  ...targetMessages,
  unresolved:
    "From {from}, the name {host} does not resolve. Expected {host} to name the other container: link it (--link <container>:{host}) or put both on one network with the alias {host}.",
  refused: "From {from}, {host} resolves but port {port} does not answer. Check that the service listens on {port} and is running.",
  silent:
    "From {from}, {host} resolves but nothing answered on port {port} within {seconds} s: no network of {from} leads there. Attach both containers to one user-defined network (`docker network connect <network> <container>`).",
  resolves:
    "From {from}, the name {host} must not resolve, but {found}. A container resolves the names of the containers on its networks only: keep {host} on a network {from} is not attached to, and remove any --link or --add-host to it.",
  answers:
    "From {from}, {host} answers on port {port}, but it must not be reachable from there. A container reaches every container of the networks it is attached to: keep {host} on a network {from} is not attached to (`docker network disconnect <network> {from}`).",
  answersFromHost:
    "From the host, {host} answers on port {port}, but it must not be reachable from there: the port is published. Start the container without -p for that port; the containers on its networks still reach it.",
  unresolvedNotAsked:
    "From {from}, the name {host} does not resolve, but it was expected to resolve and then take no connection on port {port}. Check that {host} is on a network {from} is attached to.",
  noTool: "The connection from {from} could not be tried: the probe has neither bash nor nc.",
  error: "The connection from {from} could not be tried: no probe could join its network. Check that the container is running, then try `docker exec {from} sh`.",
  "tcp.theHost": "the host",
  "tcp.reachable": "{host}:{port} reachable from {from}",
  "tcp.unresolved": "the name {host} does not resolve from {from}",
  "tcp.closed": "{host} resolves, but nothing answers on its port {port}",
  "tcp.silent": "{host} resolves, but no answer came from its port {port} within {seconds} s",
  "tcp.answers": "{host}:{port} answers from {from}",
  "tcp.expect.unresolved": "the name {host} not resolving from {from}",
  "tcp.expect.noConnection": "the name {host} resolving from {from}, and no connection to its port {port}",
  "tcp.expect.unreachable": "{host}:{port} unreachable from {from}",
  "tcp.resolves": "the name {host} resolves from {from}",
  "tcp.noTool": "neither bash nor nc in the probe",
  "tcp.error": "no probe could join the network of {from}",
};

const messagesFr = {
  ...runningMessagesFr,
  ...targetMessagesFr,
  unresolved: "Depuis {from}, le nom {host} ne se résout pas. {host} devait désigner l'autre conteneur : liez-le (--link <conteneur>:{host}) ou placez les deux sur un même réseau avec l'alias {host}.",
  refused: "Depuis {from}, {host} se résout mais le port {port} ne répond pas. Vérifiez que le service écoute sur le port {port} et qu'il tourne.",
  silent:
    "Depuis {from}, {host} se résout mais rien n'a répondu sur le port {port} en {seconds} s : aucun réseau de {from} n'y mène. Attachez les deux conteneurs à un même réseau défini par l'utilisateur (`docker network connect <réseau> <conteneur>`).",
  resolves:
    "Depuis {from}, le nom {host} ne doit pas se résoudre, mais {found}. Un conteneur ne résout que les noms des conteneurs de ses réseaux : gardez {host} sur un réseau auquel {from} n'est pas attaché, et retirez tout --link ou --add-host vers lui.",
  answers:
    "Depuis {from}, {host} répond sur le port {port}, alors qu'il ne doit pas y être joignable. Un conteneur joint tous les conteneurs des réseaux auxquels il est attaché : gardez {host} sur un réseau auquel {from} n'est pas attaché (`docker network disconnect <réseau> {from}`).",
  answersFromHost:
    "Depuis l'hôte, {host} répond sur le port {port}, alors qu'il ne doit pas y être joignable : le port est publié. Lancez le conteneur sans -p pour ce port ; les conteneurs de ses réseaux le joignent toujours.",
  unresolvedNotAsked:
    "Depuis {from}, le nom {host} ne se résout pas, alors qu'il devait se résoudre puis ne prendre aucune connexion sur le port {port}. Vérifiez que {host} est sur un réseau auquel {from} est attaché.",
  noTool: "La connexion depuis {from} n'a pas pu être testée : la sonde n'a ni bash ni nc.",
  error: "La connexion depuis {from} n'a pas pu être testée : aucune sonde n'a pu rejoindre son réseau. Vérifiez que le conteneur tourne, puis essayez `docker exec {from} sh`.",
  "tcp.theHost": "l'hôte",
  "tcp.reachable": "{host}:{port} joignable depuis {from}",
  "tcp.unresolved": "le nom {host} ne se résout pas depuis {from}",
  "tcp.closed": "{host} se résout, mais rien ne répond sur son port {port}",
  "tcp.silent": "{host} se résout, mais son port {port} n'a pas répondu en {seconds} s",
  "tcp.answers": "{host}:{port} répond depuis {from}",
  "tcp.expect.unresolved": "le nom {host} ne se résolvant pas depuis {from}",
  "tcp.expect.noConnection": "le nom {host} se résolvant depuis {from}, sans connexion possible à son port {port}",
  "tcp.expect.unreachable": "{host}:{port} injoignable depuis {from}",
  "tcp.resolves": "le nom {host} se résout depuis {from}",
  "tcp.noTool": "ni bash ni nc dans la sonde",
  "tcp.error": "aucune sonde n'a pu rejoindre le réseau de {from}",
} satisfies Record<keyof typeof messages, string>;

const EXPECTED_PHRASE: Record<TcpExpectation, string> = {
  answers: "tcp.reachable",
  unresolved: "tcp.expect.unresolved",
  "no-connection": "tcp.expect.noConnection",
  unreachable: "tcp.expect.unreachable",
};

const FOUND_PHRASE: Record<Found, string> = { answers: "tcp.answers", unresolved: "tcp.unresolved", refused: "tcp.closed", silent: "tcp.silent" };

const DESCRIBED: Record<TcpExpectation, string> = {
  answers: "answers",
  unresolved: "does not resolve",
  "no-connection": "resolves but takes no connection",
  unreachable: "is unreachable",
};

export const tcp: Grader<TcpSpec> = {
  meta: {
    type: "tcp",
    kinds: ["check"],
    readsOnly: true,
    description:
      "From inside a container (or from the host), a host name resolves and a TCP port answers on it; or, for isolation, it does not resolve, or takes no connection within 3 s.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["host", "port"],
    description: "A TCP connection attempted from inside a container, or from the sandbox's host.",
    properties: {
      from: containerRefSchema("The container the connection starts from; the host (where the student's docker commands run) when left out."),
      host: { type: "string", minLength: 1, description: "The host name to reach (a link name, a network alias, a container name, localhost, an IP address)." },
      port: { type: "integer", minimum: 1, maximum: 65535, description: "The TCP port." },
      expect: {
        enum: [...TCP_EXPECTATIONS],
        description:
          "What must happen: `answers` (the default), `unresolved` (the name does not resolve), `no-connection` (it resolves, and no connection is made within 3 s), `unreachable` (either of the two).",
      },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `from ${spec.from === undefined ? "the host" : describeTarget(spec.from)}, ${spec.host}:${spec.port} ${DESCRIBED[spec.expect ?? "answers"]}`,
  async evaluate(ctx, spec): Promise<Outcome> {
    let from: string | undefined;
    if (spec.from !== undefined) {
      const target = await resolveContainer(ctx, spec.from);
      if (target.outcome) return target.outcome;
      from = target.name;
      const stopped = await notRunning(ctx, from);
      if (stopped) return stopped;
    }
    const expectation = spec.expect ?? "answers";
    const result = await probe(ctx, from, spec.host, spec.port);
    const data = { from: from ?? { id: "tcp.theHost" }, host: spec.host, port: spec.port, seconds: CONNECT_SECONDS };
    const expected: Phrase[] = [{ id: EXPECTED_PHRASE[expectation], data }];
    const found = FOUND_OF_EXIT[result.exitCode];
    if (found === undefined) {
      const id = result.exitCode === 5 ? "noTool" : "error";
      return { passed: false, messageId: id, data, expected, actual: [{ id: `tcp.${id}`, data }] };
    }
    if (satisfies(expectation, found)) return { passed: true };
    // A name that resolves where it must not, or a port that answers, stays so: waiting will not change it.
    const final = expectation !== "answers" || found !== "refused";
    const actualId = expectation === "unresolved" && found !== "answers" ? "tcp.resolves" : FOUND_PHRASE[found];
    const foundPhrase: Phrase = { id: actualId, data };
    return {
      passed: false,
      final,
      messageId: messageIdOf(expectation, found, from === undefined),
      data: { ...data, found: foundPhrase },
      expected,
      actual: [foundPhrase],
    };
  },
};
