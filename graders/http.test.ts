import * as nodeHttp from "node:http";
import type { AddressInfo } from "node:net";
import { execFile } from "node:child_process";
import { http } from "./http";
import type { CommandResult, Outcome } from "./types";
import { fakeContext, inspected } from "../test/support/fake-context";
import { said } from "../test/support/said";

const MARK = "\n__labgrade_status__=";
const url = "http://localhost:8080/info.php";
const spec = { url, expect: { status: 200, body: { contains: "PHP Version" } } };
const notFound = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

describe("http: what was found, in the student's words", () => {
  test("an Apache error page reads as its status line, never its raw start", async () => {
    const outcome = await http.evaluate(fakeContext({ commands: { curl: { stdout: `${notFound}${MARK}404` } } }), spec);
    expect(said("http", outcome, "fr")).toMatchObject({ expected: "la page répond 200, contenant « PHP Version »", actual: "la page répond 404 Not Found" });
    expect(said("http", outcome)).toMatchObject({ expected: 'the page answers 200, containing "PHP Version"', actual: "the page answers 404 Not Found" });
    expect(outcome.final).toBe(true);
  });

  test("the right status with the wrong page: its title, or its first words", async () => {
    const page = "<html><head><title>Apache2 Debian Default Page</title></head><body>It works</body></html>";
    const titled = await http.evaluate(fakeContext({ commands: { curl: { stdout: `${page}${MARK}200` } } }), spec);
    expect(said("http", titled, "fr").actual).toBe("la page répond 200 OK : une page HTML intitulée « Apache2 Debian Default Page »");
    const plain = await http.evaluate(fakeContext({ commands: { curl: { stdout: `Hello from PHP 7.4\nsecond line${MARK}200` } } }), spec);
    expect(said("http", plain).actual).toBe('the page answers 200 OK: "Hello from PHP 7.4…" (2 lines)');
  });

  test("nothing answers on the port: said so, without curl's text", async () => {
    const ctx = fakeContext({ commands: { curl: { exitCode: 7, stderr: "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server" } } });
    const outcome = await http.evaluate(ctx, spec);
    expect(said("http", outcome, "fr")).toEqual({
      message: `Une réponse de ${url} était attendue, mais rien ne répond sur le port 8080. Vérifiez que le conteneur tourne et publie le port (-p hôte:conteneur), puis essayez \`curl ${url}\`.`,
      expected: `une réponse de ${url}`,
      actual: "rien ne répond sur le port 8080",
    });
  });

  test("the port published on another host port is the near miss named", async () => {
    const web = inspected({ image: "php:7.4-apache", ports: { "80/tcp": [{ HostPort: "8081" }] } });
    const ctx = fakeContext({ containers: { "lamp-web": web }, commands: { curl: { exitCode: 7 } } });
    expect(said("http", await http.evaluate(ctx, spec)).actual).toBe("nothing answers on port 8080; lamp-web publishes its port 80 on port 8081");
  });

  test("a container on the host's network publishes nothing: its -p is no near miss", async () => {
    const web = inspected({ image: "php:7.4-apache", networkMode: "host", ports: { "80/tcp": [{ HostPort: "8081" }] } });
    const ctx = fakeContext({ containers: { "lamp-web": web }, commands: { curl: { exitCode: 7 } } });
    expect(said("http", await http.evaluate(ctx, spec)).actual).toBe("nothing answers on port 8080");
  });

  test.each([
    [56, "port 8080 takes connections, but nothing behind it answers (does the service in the container listen on the port you published?)"],
    [52, "the server on port 8080 closed the connection without answering"],
    [28, "nothing answered on port 8080 within 10 s"],
    [6, "the host name localhost does not resolve"],
    [35, "the secure connection (HTTPS) on port 8080 failed"],
    [1, "the connection on port 8080 failed"],
  ])("curl exit %i reads as what happened", async (code, words) => {
    const outcome = await http.evaluate(fakeContext({ commands: { curl: { exitCode: code, stderr: `curl: (${code}) something` } } }), spec);
    expect(said("http", outcome).actual).toBe(words);
  });
});

describe("http: the same request, several times (load balancing)", () => {
  const api = "http://localhost:8080/api";
  const from = (host: string) => ({ stdout: `{"hostname":"${host}"}${MARK}200` });

  test("passes when at least k different values came back, and sends the request n times", async () => {
    const ctx = fakeContext({ commands: { curl: [from("a1"), from("b2")] } });
    const outcome = await http.evaluate(ctx, { url: api, repeat: 4, expect: { status: 200, distinct: { "at-least": 2, json: "$.hostname" } } });
    expect(outcome).toMatchObject({ passed: true });
    expect(ctx.calls).toHaveLength(4);
  });

  test("one backend only: the values seen and how often, in the student's words", async () => {
    const ctx = fakeContext({ commands: { curl: from("a1") } });
    const outcome = await http.evaluate(ctx, { url: api, expect: { distinct: { "at-least": 2, json: "$.hostname" } } });
    expect(ctx.calls).toHaveLength(10);
    // Asked again under a retry: a backend left out for a while (still starting) comes back.
    expect(outcome).toMatchObject({ passed: false, final: false, messageId: "distinct" });
    expect(said("http", outcome)).toMatchObject({ expected: "at least 2 different values of $.hostname in 10 answers", actual: 'in 10 answers: "a1" 10 times' });
    expect(said("http", outcome, "fr").actual).toBe("en 10 réponses : « a1 » 10 fois");
  });

  test("a header, or what a pattern captures, tells the backends apart", async () => {
    const header = (name: string) => ({ stdout: `hello${MARK}200\n__labgrade_header__=${name}` });
    const byHeader = fakeContext({ commands: { curl: [header("app1"), header("app2")] } });
    expect(await http.evaluate(byHeader, { url, repeat: 2, expect: { distinct: { "at-least": 2, header: "X-Backend" } } })).toMatchObject({ passed: true });
    expect(byHeader.calls[0].join(" ")).toContain("%header{X-Backend}");
    const text = (host: string) => ({ stdout: `Hostname: ${host}\nIP: 10.0.0.2${MARK}200` });
    const byPattern = fakeContext({ commands: { curl: [text("a1"), text("a1"), text("b2")] } });
    expect(await http.evaluate(byPattern, { url, repeat: 3, expect: { distinct: { "at-least": 2, matches: "Hostname: (\\S+)" } } })).toMatchObject({ passed: true });
  });

  test("every answer must match, and the one that does not says which it was", async () => {
    const ctx = fakeContext({ commands: { curl: [{ stdout: `ok${MARK}200` }, { stdout: `bad gateway${MARK}502` }] } });
    const outcome = await http.evaluate(ctx, { url, repeat: 5, expect: { status: 200 } });
    expect(ctx.calls).toHaveLength(2);
    expect(said("http", outcome).actual).toBe("answer 2 of 5: the page answers 502 Bad Gateway");
  });

  test("at-least above repeat could never pass: the rubric's error, not the student's", async () => {
    await expect(http.evaluate(fakeContext({}), { url, repeat: 2, expect: { distinct: { "at-least": 3 } } })).rejects.toThrow(/could never pass/);
  });
});

describe("http: the request curl really sends", () => {
  /** The grader's curl run on this machine against a loopback server that answers with the body it was sent. */
  async function sentBody(body: string): Promise<Outcome> {
    const server = nodeHttp.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => response.end(`${request.method} ${Buffer.concat(chunks).toString("utf8")}`));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const exec = (argv: string[]) =>
      new Promise<CommandResult>((resolve) => execFile(argv[0], argv.slice(1), (error, stdout, stderr) => resolve({ exitCode: error ? Number(error.code ?? 1) : 0, stdout, stderr })));
    const ctx = { ...fakeContext({}), shell: { exec } };
    try {
      return await http.evaluate(ctx, { url: `http://127.0.0.1:${port}/`, method: "POST", body, expect: { status: 200, body: `POST ${body}` } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  test("a body is sent as written, even one that starts with @ (never a file read in the sandbox)", async () => {
    expect(await sentBody("@/etc/hostname")).toMatchObject({ passed: true });
    expect(await sentBody('{"nom": "Élodie", "ligne": "a\\nb"}')).toMatchObject({ passed: true });
  });
});
