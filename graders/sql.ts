/** A SQL query run with the database's own client inside its container. */
import type { Grader, Phrase } from "./types";
import { describeExpectations, matcherRef, type Matcher } from "./matchers/match";
import { expectationItems, outcomeOfItems } from "./support/items";
import { notRunning, runningMessages, runningMessagesFr } from "./support/running";
import { tail } from "./support/shell";
import { containerRefSchema } from "./support/schemas";
import { resolveContainer, targetMessages, targetMessagesFr, type ContainerRef } from "./support/container-target";

export interface SqlSpec {
  container: ContainerRef;
  engine: "mysql" | "postgres";
  user: string;
  password?: string;
  database?: string;
  query: string;
  expect: { output?: Matcher; rows?: Matcher };
}

/**
 * mysql's image answers on its socket during initialisation too (a server that
 * has not yet created MYSQL_DATABASE), but over TCP only once it is ready: wait
 * for TCP (a server that refuses 127.0.0.1 is up as well), then log in over the
 * socket as `docker exec db mysql -u ...` does, so that the account that
 * answers is the one a student's command reaches.
 */
const MYSQL_WHEN_READY =
  'if command -v mysqladmin >/dev/null; then out=$(mysqladmin --connect-timeout=5 -h 127.0.0.1 ping 2>&1) || case $out in *"not allowed to connect"*) ;; *) printf "%s\\n" "$out" >&2; exit 1 ;; esac; fi; exec mysql "$@"';

/** The client command line; passwords travel in the environment, not in argv. */
function clientCommand(spec: SqlSpec): { env: Record<string, string>; argv: string[] } {
  if (spec.engine === "mysql") {
    return {
      env: spec.password === undefined ? {} : { MYSQL_PWD: spec.password },
      argv: ["sh", "-c", MYSQL_WHEN_READY, "mysql", "--batch", "--skip-column-names", "-u", spec.user, ...(spec.database ? ["-D", spec.database] : []), "-e", spec.query],
    };
  }
  return {
    env: spec.password === undefined ? {} : { PGPASSWORD: spec.password },
    argv: ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-U", spec.user, "-d", spec.database ?? spec.user, "-c", spec.query],
  };
}

/**
 * Errors of a database server still starting up (worth retrying), as mysql and psql word them;
 * postgres 13 says "not yet accepting connections" while it replays its log after a restart.
 */
const STARTING = /can't connect|connection refused|lost connection|server has gone away|starting up|not yet accepting connections|in recovery mode|no such file or directory|could not connect|is the server running|shutting down/i;

/**
 * What a client's error means, in the student's words: mysql's and psql's
 * texts ("ERROR 1045 (28000): Access denied…") are the client's insides. A
 * query's own error (a missing table) is quoted without its error code.
 */
export function sqlErrorPhrase(spec: SqlSpec, detail: string): Phrase {
  const data = { user: spec.user, database: spec.database ?? spec.user };
  if (/access denied|password authentication failed/i.test(detail)) return { id: "sql.accessDenied", data };
  if (/unknown database|database "[^"]*" does not exist/i.test(detail)) return { id: "sql.noDatabase", data };
  if (/role "[^"]*" does not exist/i.test(detail)) return { id: "sql.noUser", data };
  if (STARTING.test(detail)) return { id: "sql.notReady", data };
  if (/executable file not found|command not found|no such file or directory: unknown/i.test(detail)) return { id: "sql.noClient", data: { client: spec.engine === "mysql" ? "mysql" : "psql" } };
  const said = detail
    .split("\n")
    .map((line) => line.replace(/^(ERROR( \d+)?( \([\w]+\))?( at line \d+)?|psql:[^:]*:\d+: ERROR):\s*/i, "").trim())
    .find(Boolean);
  return said ? { id: "sql.queryError", data: { error: said.slice(0, 200) } } : { id: "sql.failed" };
}

const messages = {
  ...runningMessages,
  ...targetMessages,
  failed:
    "The query `{query}` as {user} in {container} failed: {reason}. Check that the database and the user exist with the expected password (they are created only when the data volume starts empty).",
  mismatch: "The query `{query}` as {user} in {container} did not return what was expected ({failed}).",
  "sql.succeeds": "the query succeeds",
  "sql.accessDenied": "user {user} is refused with this password",
  "sql.noDatabase": "the database {database} does not exist",
  "sql.noUser": "the user {user} does not exist",
  "sql.notReady": "the database server does not answer yet",
  "sql.noClient": "the container has no {client} client",
  "sql.queryError": "the server refuses the query: {error}",
  "sql.failed": "the query failed",
};

const messagesFr = {
  ...runningMessagesFr,
  ...targetMessagesFr,
  failed: "La requête `{query}` en tant que {user} dans {container} a échoué : {reason}. Vérifiez que la base de données et l'utilisateur existent avec le mot de passe attendu (ils ne sont créés que si le volume de données est vide au démarrage).",
  mismatch: "La requête `{query}` en tant que {user} dans {container} n'a pas renvoyé ce qui était attendu ({failed}).",
  "sql.succeeds": "la requête réussit",
  "sql.accessDenied": "l'utilisateur {user} est refusé avec ce mot de passe",
  "sql.noDatabase": "la base {database} n'existe pas",
  "sql.noUser": "l'utilisateur {user} n'existe pas",
  "sql.notReady": "le serveur de base de données ne répond pas encore",
  "sql.noClient": "le conteneur n'a pas de client {client}",
  "sql.queryError": "le serveur refuse la requête : {error}",
  "sql.failed": "la requête a échoué",
} satisfies Record<keyof typeof messages, string>;

export const sql: Grader<SqlSpec> = {
  meta: {
    type: "sql",
    kinds: ["check", "action"],
    readsOnly: true,
    description: "Runs a query with the database's client inside its container (mysql or psql) and matches its output or row count.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["container", "engine", "user", "query"],
    description: "A SQL query, as a given user.",
    properties: {
      container: containerRefSchema("The database's container."),
      engine: { enum: ["mysql", "postgres"], description: "mysql (MySQL or MariaDB) or postgres." },
      user: { type: "string", minLength: 1, description: "The user to log in as." },
      password: { type: "string", description: "Its password." },
      database: { type: "string", minLength: 1, description: "The database to connect to." },
      query: { type: "string", minLength: 1, description: "The SQL to run." },
      expect: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        description: "What the query must give; as an action, leave it out.",
        properties: {
          output: matcherRef("The output: rows on lines, columns separated by tabs, no header."),
          rows: matcherRef("The number of rows returned."),
        },
      },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `as ${spec.user}${spec.database ? ` on ${spec.database}` : ""}, \`${spec.query}\` gives ${describeExpectations(spec.expect) || "no error"}`,
  async evaluate(ctx, spec) {
    const target = await resolveContainer(ctx, spec.container);
    if (target.outcome) return target.outcome;
    const container = target.name;
    const stopped = await notRunning(ctx, container);
    if (stopped) return stopped;
    const { env, argv } = clientCommand(spec);
    const result = await ctx.docker.exec(container, argv, { env, timeoutMs: 30_000 });
    const data = { query: spec.query, user: spec.user, container };
    if (result.exitCode !== 0) {
      const detail = tail(result.stderr || result.stdout);
      const reason = sqlErrorPhrase(spec, detail);
      return { passed: false, final: !STARTING.test(detail), messageId: "failed", data: { ...data, reason }, expected: [{ id: "sql.succeeds" }], actual: [reason] };
    }
    const output = result.stdout.replace(/\n+$/, "");
    const actual: Record<string, unknown> = { output, rows: output === "" ? 0 : output.split("\n").length };
    // The server answered the query: waiting will not change what it holds.
    return { ...outcomeOfItems(expectationItems(spec.expect, actual), "mismatch", data), final: true };
  },
};
