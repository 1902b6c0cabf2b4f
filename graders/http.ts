/**
 * An HTTP request made from inside the sandbox, so that published ports are
 * the sandbox's own and parallel gradings never collide on host ports; sent
 * several times, it tells a load balancer over several backends from one.
 */
import { STATUS_CODES } from "node:http";
import type { Grader, GraderContext, Outcome, Phrase } from "./types";
import { describeExpectations, matcherPhrase, matcherRef, valuePhrase, type Matcher } from "./matchers/match";
import { htmlTitle, looksLikeHtml } from "./matchers/phrases";
import { expectationItems } from "./support/items";
import { publishedPorts } from "./support/published-ports";
import { DEFAULT_REPEAT, distinctFailure, distinctMessages, distinctMessagesFr, distinctSchema, MAX_REPEAT, type Answer, type DistinctSpec } from "./support/distinct";

export interface HttpSpec {
  url: string;
  method?: "GET" | "HEAD" | "POST" | "PUT" | "DELETE";
  body?: string;
  repeat?: number;
  expect: { status?: Matcher; body?: Matcher; distinct?: DistinctSpec };
}

const STATUS_MARK = "\n__labgrade_status__=";
const HEADER_MARK = "\n__labgrade_header__=";
const MAX_SECONDS = 10;

/** The port a URL reaches: its own, else the scheme's. */
function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/**
 * Why there was no answer, from curl's exit code, in the student's words
 * (curl's own text names curl's insides). "Nothing answers on port 8080" can
 * name the near miss: a container that publishes the port on another one.
 */
async function unreachable(ctx: GraderContext, url: URL, code: number): Promise<Phrase> {
  const port = portOf(url);
  switch (code) {
    case 6:
      return { id: "http.unresolved", data: { host: url.hostname } };
    case 7: {
      const near = LOCAL.test(url.hostname) ? await publishedElsewhere(ctx, port) : undefined;
      return near ? { id: "http.refusedButPublished", data: { port, ...near } } : { id: "http.refused", data: { port } };
    }
    case 28:
      return { id: "http.timeout", data: { port, seconds: MAX_SECONDS } };
    case 52:
      return { id: "http.empty", data: { port } };
    case 56:
      return { id: "http.reset", data: { port } };
    case 35:
    case 51:
    case 60:
      return { id: "http.tls", data: { port } };
    default:
      return { id: "http.failed", data: { port } };
  }
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** A container publishing a port to a host port other than the one asked (-p 8081:80 for 8080). */
async function publishedElsewhere(ctx: GraderContext, wanted: number): Promise<{ container: string; inner: string; host: string } | undefined> {
  for (const name of await ctx.docker.containerNames()) {
    const info = await ctx.docker.container(name);
    if (!info?.State.Running) continue;
    for (const [inner, hosts] of publishedPorts(info)) {
      const host = hosts.find((p) => p !== String(wanted));
      if (host && inner.endsWith("/tcp")) return { container: name, inner: inner.replace("/tcp", ""), host };
    }
  }
  return undefined;
}

/** "404 Not Found", then what the page says when it says more than its status: its title, or its first words. */
function answerPhrase(status: number, body: string, showBody: boolean): Phrase {
  const line = `${status} ${STATUS_CODES[status] ?? ""}`.trim();
  const title = looksLikeHtml(body) ? htmlTitle(body) : undefined;
  // An error page titled "404 Not Found" says no more than its status line.
  const telling = showBody || (title !== undefined && !title.includes(String(status)));
  if (!telling) return { id: "http.answers", data: { status: line } };
  return body.trim() === "" ? { id: "http.answersEmpty", data: { status: line } } : { id: "http.answersWith", data: { status: line, body: valuePhrase(body) } };
}

/** What the answer must be, in one phrase: "the page answers 200, containing "PHP Version"". */
function expectedPhrase(expect: { status?: Matcher; body?: Matcher }): Phrase {
  const status = expect.status === undefined ? undefined : matcherPhrase(expect.status);
  const body = expect.body === undefined ? undefined : matcherPhrase(expect.body);
  if (status && body) return { id: "http.expect.both", data: { status, body } };
  return status ? { id: "http.expect.status", data: { status } } : { id: "http.expect.body", data: { body: body! } };
}

/** One request: its answer, or the failed outcome to report. The named header is read too (curl's %header). */
async function request(ctx: GraderContext, spec: HttpSpec, header: string | undefined): Promise<Answer | Outcome> {
  const format = `${STATUS_MARK}%{http_code}${header === undefined ? "" : `${HEADER_MARK}%header{${header}}`}`;
  const argv = ["curl", "-sS", "--max-time", String(MAX_SECONDS), "-X", spec.method ?? "GET", "-w", format, spec.url];
  // --data-raw: a body that starts with @ is sent as written, never read from a file of the sandbox.
  if (spec.body !== undefined) argv.push("--data-raw", spec.body);
  const result = await ctx.shell.exec(argv, { timeoutMs: 15_000 });
  const mark = result.stdout.lastIndexOf(STATUS_MARK);
  if (result.exitCode !== 0 || mark < 0) {
    const reason = await unreachable(ctx, new URL(spec.url), result.exitCode);
    return { passed: false, messageId: "unreachable", data: { url: spec.url, reason }, expected: [{ id: "http.anAnswer", data: { url: spec.url } }], actual: [reason] };
  }
  const [status, found] = result.stdout.slice(mark + STATUS_MARK.length).split(HEADER_MARK);
  return { status: Number(status), body: result.stdout.slice(0, mark), header: found || undefined };
}

/** The failed outcome when an answer does not match the status and body expected; undefined when it does. */
function mismatch(spec: HttpSpec, answer: Answer): Outcome | undefined {
  const expect = { ...(spec.expect?.status !== undefined ? { status: spec.expect.status } : {}), ...(spec.expect?.body !== undefined ? { body: spec.expect.body } : {}) };
  const items = expectationItems(expect, answer as unknown as Record<string, unknown>);
  const failed = items.filter((item) => !item.passed);
  if (failed.length === 0) return undefined;
  const statusFailed = failed.some((item) => item.label.id === "key.status");
  return {
    passed: false,
    ratio: (items.length - failed.length) / items.length,
    // A server that answers, other than with a 5xx, has started: waiting will not change its answer.
    final: answer.status < 500,
    messageId: "mismatch",
    data: { url: spec.url, failed: failed.map((item) => item.label) },
    expected: [expectedPhrase(expect)],
    actual: [answerPhrase(answer.status, answer.body, !statusFailed)],
  };
}

/** A failure of the nth of n requests says which. */
function nth(outcome: Outcome, index: number, n: number): Outcome {
  return { ...outcome, actual: outcome.actual?.map((answer) => ({ id: "http.nth", data: { nth: index, n, answer } })) };
}

const messages = {
  ...distinctMessages,
  unreachable:
    "Expected an answer from {url}, but {reason}. Check that the container runs and publishes the port (-p host:container), then try `curl {url}`.",
  mismatch: "{url} answered, but not as expected ({failed}). Open it with `curl -i {url}` and compare.",
  "http.anAnswer": "an answer from {url}",
  "http.unresolved": "the host name {host} does not resolve",
  "http.refused": "nothing answers on port {port}",
  "http.refusedButPublished": "nothing answers on port {port}; {container} publishes its port {inner} on port {host}",
  "http.timeout": "nothing answered on port {port} within {seconds} s",
  "http.empty": "the server on port {port} closed the connection without answering",
  "http.reset": "port {port} takes connections, but nothing behind it answers (does the service in the container listen on the port you published?)",
  "http.tls": "the secure connection (HTTPS) on port {port} failed",
  "http.failed": "the connection on port {port} failed",
  "http.answers": "the page answers {status}",
  "http.answersEmpty": "the page answers {status}, with an empty body",
  "http.answersWith": "the page answers {status}: {body}",
  "http.expect.both": "the page answers {status}, {body}",
  "http.expect.status": "the page answers {status}",
  "http.expect.body": "a page {body}",
  "key.status": "the status",
  "key.body": "the page's content",
};

const messagesFr = {
  ...distinctMessagesFr,
  unreachable:
    "Une réponse de {url} était attendue, mais {reason}. Vérifiez que le conteneur tourne et publie le port (-p hôte:conteneur), puis essayez `curl {url}`.",
  mismatch: "{url} a répondu, mais pas comme attendu ({failed}). Ouvrez-la avec `curl -i {url}` et comparez.",
  "http.anAnswer": "une réponse de {url}",
  "http.unresolved": "le nom d'hôte {host} ne se résout pas",
  "http.refused": "rien ne répond sur le port {port}",
  "http.refusedButPublished": "rien ne répond sur le port {port} ; {container} publie son port {inner} sur le port {host}",
  "http.timeout": "rien n'a répondu sur le port {port} en {seconds} s",
  "http.empty": "le serveur du port {port} a fermé la connexion sans répondre",
  "http.reset": "le port {port} accepte les connexions, mais rien derrière ne répond (le service du conteneur écoute-t-il sur le port que vous avez publié ?)",
  "http.tls": "la connexion sécurisée (HTTPS) sur le port {port} a échoué",
  "http.failed": "la connexion sur le port {port} a échoué",
  "http.answers": "la page répond {status}",
  "http.answersEmpty": "la page répond {status}, avec un contenu vide",
  "http.answersWith": "la page répond {status} : {body}",
  "http.expect.both": "la page répond {status}, {body}",
  "http.expect.status": "la page répond {status}",
  "http.expect.body": "une page {body}",
  "key.status": "le statut",
  "key.body": "le contenu de la page",
} satisfies Record<keyof typeof messages, string>;

export const http: Grader<HttpSpec> = {
  meta: {
    type: "http",
    kinds: ["check", "action"],
    readsOnly: true,
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
      body: { type: "string", description: "A request body to send, as written (a leading @ names no file)." },
      repeat: {
        type: "integer",
        minimum: 1,
        maximum: MAX_REPEAT,
        description: `Send the request this many times (each a new connection, one after the other): every answer must match, and distinct counts them. Default 1, or ${DEFAULT_REPEAT} with distinct.`,
      },
      expect: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        description: "What the answer must be; as an action, leave it out.",
        properties: {
          status: matcherRef("The HTTP status code."),
          body: matcherRef("The response body; use json: {path, value} for JSON answers."),
          distinct: distinctSchema,
        },
      },
    },
  },
  messages,
  translations: { fr: messagesFr },
  describe: (spec) => {
    const { distinct, ...matched } = spec.expect ?? {};
    const times = spec.repeat !== undefined || distinct ? `, ${spec.repeat ?? DEFAULT_REPEAT} times` : "";
    const spread = distinct
      ? `, with at least ${distinct["at-least"]} different ${distinct.json ?? (distinct.header ? `${distinct.header} headers` : distinct.matches ? `matches of /${distinct.matches}/` : "bodies")}`
      : "";
    const expected = Object.keys(matched).length ? ` with ${describeExpectations(matched as Record<string, Matcher>)}` : "";
    return `${spec.method ?? "GET"} ${spec.url} answers${expected}${times}${spread}`;
  },
  async evaluate(ctx, spec): Promise<Outcome> {
    const distinct = spec.expect?.distinct;
    const n = spec.repeat ?? (distinct ? DEFAULT_REPEAT : 1);
    if (distinct && distinct["at-least"] > n) throw new Error(`expect.distinct.at-least (${distinct["at-least"]}) is more than repeat (${n}): the check could never pass`);
    const answers: Answer[] = [];
    for (let index = 1; index <= n; index++) {
      const got = await request(ctx, spec, distinct?.header);
      const failure = "passed" in got ? got : mismatch(spec, got);
      if (failure) return n === 1 ? failure : nth(failure, index, n);
      answers.push(got as Answer);
    }
    return (distinct && distinctFailure(distinct, answers, spec.url)) || { passed: true, ratio: 1 };
  },
};
