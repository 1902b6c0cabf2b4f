import { http } from "./http";
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
