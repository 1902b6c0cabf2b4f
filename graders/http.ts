/**
 * An HTTP request made from inside the sandbox, so that published ports are
 * the sandbox's own and parallel gradings never collide on host ports.
 */
import type { Grader } from "./types";
import { describeExpectations, matcherRef, type Matcher } from "./matchers";
import { expectationItems, outcomeOfItems } from "./support/items";
import { tail } from "./support/shell";

export interface HttpSpec {
  url: string;
  method?: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  body?: string;
  expect: { status?: Matcher; body?: Matcher };
}

const STATUS_MARK = "\n__labgrade_status__=";

const messages = {
  unreachable:
    "Expected an answer from {url}, but the connection failed: {detail}. Check that the container runs and publishes the port (-p host:container), then try `curl {url}`.",
  mismatch: "{url} answered, but not as expected ({failed}). Open it with `curl -i {url}` and compare.",
};

const messagesFr = {
  unreachable: "Une réponse de {url} était attendue, mais la connexion a échoué : {detail}. Vérifiez que le conteneur tourne et publie le port (-p hôte:conteneur), puis essayez `curl {url}`.",
  mismatch: "{url} a répondu, mais pas comme attendu ({failed}). Ouvrez-la avec `curl -i {url}` et comparez.",
} satisfies Record<keyof typeof messages, string>;

export const http: Grader<HttpSpec> = {
  meta: {
    type: "http",
    kinds: ["check", "action"],
    description: "Requests a URL from inside the sandbox (curl) and matches the status and the body.",
  },
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["url"],
    description: "An HTTP request from the sandbox, where the student's published ports are.",
    properties: {
      url: { type: "string", pattern: "^https?://", description: "The URL, e.g. http://localhost:8080/info.php." },
      method: { enum: ["GET", "HEAD", "POST", "PUT", "DELETE"], description: "Default GET." },
      body: { type: "string", description: "A request body to send." },
      expect: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        description: "What the answer must be; as an action, leave it out.",
        properties: {
          status: matcherRef("The HTTP status code."),
          body: matcherRef("The response body; use json: {path, value} for JSON answers."),
        },
      },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => `${spec.method ?? "GET"} ${spec.url} answers${spec.expect ? ` with ${describeExpectations(spec.expect)}` : ""}`,
  async evaluate(ctx, spec) {
    const argv = ["curl", "-sS", "--max-time", "10", "-X", spec.method ?? "GET", "-w", `${STATUS_MARK}%{http_code}`, spec.url];
    if (spec.body !== undefined) argv.push("--data-binary", spec.body);
    const result = await ctx.shell.exec(argv, { timeoutMs: 15_000 });
    const mark = result.stdout.lastIndexOf(STATUS_MARK);
    if (result.exitCode !== 0 || mark < 0) {
      const detail = tail(result.stderr) || `curl exit ${result.exitCode}`;
      return { passed: false, messageId: "unreachable", data: { url: spec.url, detail }, expected: "an HTTP answer", actual: detail };
    }
    const answer = { status: Number(result.stdout.slice(mark + STATUS_MARK.length)), body: result.stdout.slice(0, mark) };
    // A server that answers, other than with a 5xx, has started: waiting will not change its answer.
    return { ...outcomeOfItems(expectationItems(spec.expect, answer), "mismatch", { url: spec.url }), final: answer.status < 500 };
  },
};
