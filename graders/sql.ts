/** A SQL query run with the database's own client inside its container. */
import type { Grader } from "./types";
import { describeExpectations, matcherRef, type Matcher } from "./matchers";
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

/** The client command line; passwords travel in the environment, not in argv. */
function clientCommand(spec: SqlSpec): { env: string[]; argv: string[] } {
  if (spec.engine === "mysql") {
    return {
      env: spec.password === undefined ? [] : ["-e", `MYSQL_PWD=${spec.password}`],
      argv: ["mysql", "--batch", "--skip-column-names", "-h", "127.0.0.1", "-u", spec.user, ...(spec.database ? ["-D", spec.database] : []), "-e", spec.query],
    };
  }
  return {
    env: spec.password === undefined ? [] : ["-e", `PGPASSWORD=${spec.password}`],
    argv: ["psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-U", spec.user, "-d", spec.database ?? spec.user, "-c", spec.query],
  };
}

/** Errors of a database server still starting up (worth retrying), as mysql and psql word them. */
const STARTING = /can't connect|connection refused|lost connection|server has gone away|starting up|no such file or directory|could not connect|is the server running|shutting down/i;

const messages = {
  ...runningMessages,
  ...targetMessages,
  failed:
    "The query `{query}` as {user} in {container} failed: {detail}. Check that the database and the user exist with the expected password (they are created only when the data volume starts empty).",
  mismatch: "The query `{query}` as {user} in {container} did not return what was expected ({failed}).",
};

const messagesFr = {
  ...runningMessagesFr,
  ...targetMessagesFr,
  failed: "La requête `{query}` en tant que {user} dans {container} a échoué : {detail}. Vérifiez que la base de données et l'utilisateur existent avec le mot de passe attendu (ils ne sont créés que si le volume de données est vide au démarrage).",
  mismatch: "La requête `{query}` en tant que {user} dans {container} n'a pas renvoyé ce qui était attendu ({failed}).",
} satisfies Record<keyof typeof messages, string>;

export const sql: Grader<SqlSpec> = {
  meta: {
    type: "sql",
    kinds: ["check", "action"],
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
    const result = await ctx.docker.cli(["exec", ...env, container, ...argv], { timeoutMs: 30_000 });
    const data = { query: spec.query, user: spec.user, container };
    if (result.exitCode !== 0) {
      const detail = tail(result.stderr || result.stdout) || `exit ${result.exitCode}`;
      return { passed: false, final: !STARTING.test(detail), messageId: "failed", data: { ...data, detail }, expected: "the query succeeds", actual: detail };
    }
    const output = result.stdout.replace(/\n+$/, "");
    const actual: Record<string, unknown> = { output, rows: output === "" ? 0 : output.split("\n").length };
    // The server answered the query: waiting will not change what it holds.
    return { ...outcomeOfItems(expectationItems(spec.expect, actual), "mismatch", data), final: true };
  },
};
