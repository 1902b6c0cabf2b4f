import { load } from "js-yaml";
import { Alias, Anchored, commented, scalar, toYaml } from "./yaml";

describe("toYaml", () => {
  it("writes what js-yaml reads back unchanged", () => {
    const document = {
      id: "lab",
      title: "Réseau : « front » et back",
      version: "1.0",
      images: ["mysql:8.0", "php:7.4-apache"],
      steps: [
        {
          check: "web",
          points: 2,
          partial: true,
          retry: { timeout: "30s", interval: "1s" },
          container: { name: "web", env: { A: "yes", B: "1", C: "", D: "a: b", E: "#x", F: "${random.x}", G: "true" }, ports: [{ container: 80, host: 8080 }] },
        },
      ],
    };
    const text = toYaml(document);
    expect(load(text)).toEqual(document);
    expect(text).toContain('title: "Réseau : « front » et back"');
    expect(text).toContain("retry: { timeout: 30s, interval: 1s }");
    expect(text).toContain("        - { container: 80, host: 8080 }");
  });

  it("writes comments above their keys, anchors once and aliases after", () => {
    const shared = [{ http: { url: "http://localhost:8080/", expect: { status: 200 } } }];
    const text = toYaml(
      {
        steps: [
          { check: "a", points: 1, container: { name: "db", env: { MYSQL_PASSWORD: commented("a secret", { matches: "." }) } } },
          { check: "b", points: 1, all: new Anchored("alive", shared) },
          { check: "c", points: 1, all: new Alias("alive") },
        ],
      },
      ["drafted"],
    );
    expect(text.split("\n")[0]).toBe("# drafted");
    expect(text).toMatch(/ {8}# a secret\n {8}MYSQL_PASSWORD: \{ matches: "\." \}/);
    expect(text).toContain("all: &alive");
    expect(text).toContain("all: *alive");
    const read = load(text) as { steps: { all?: unknown }[] };
    expect(read.steps[2].all).toEqual(shared);
    // A blank line before each step, none right after steps:.
    expect(text).toMatch(/steps:\n {2}- check: a/);
    expect(text).toMatch(/\n\n {2}- check: b/);
  });

  it("quotes what YAML would read as another type", () => {
    expect(scalar("8.0")).toBe('"8.0"');
    expect(scalar("no")).toBe('"no"');
    expect(scalar("null")).toBe('"null"');
    expect(scalar("90s")).toBe("90s");
    expect(scalar("mysql:8.0")).toBe("mysql:8.0");
    expect(scalar("/var/lib/mysql")).toBe("/var/lib/mysql");
    expect(scalar("a b")).toBe('"a b"');
    expect(scalar(3306)).toBe("3306");
  });
});
