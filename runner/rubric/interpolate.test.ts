import { forEachString, interpolate, referenceProblemsIn, referencesIn, replaceVariables } from "./interpolate";

describe("interpolate", () => {
  const scope = {
    vars: { PORT: "8080", USER: "webuser" },
    env: { DB_PASSWORD: "s3cret" } as Record<string, string | undefined>,
    random: jest.fn((name: string) => `<${name}>`),
  };

  it("replaces every reference in every string of a spec, keys left alone", () => {
    const spec = {
      url: "http://localhost:${var.PORT}/",
      "${var.PORT}": "key stays",
      expect: { body: { contains: "${random.token}" }, status: 200 },
      args: ["-u", "${var.USER}", "-p${env.DB_PASSWORD}"],
    };
    expect(interpolate(spec, scope)).toEqual({
      url: "http://localhost:8080/",
      "${var.PORT}": "key stays",
      expect: { body: { contains: "<token>" }, status: 200 },
      args: ["-u", "webuser", "-ps3cret"],
    });
    expect(scope.random).toHaveBeenCalledWith("token");
  });

  it("does not change the spec it is given", () => {
    const spec = { url: "http://localhost:${var.PORT}/" };
    interpolate(spec, scope);
    expect(spec.url).toBe("http://localhost:${var.PORT}/");
  });

  it("turns an unset environment variable into an empty text", () => {
    expect(interpolate("[${env.NOT_SET}]", scope)).toBe("[]");
  });

  it("writes $${ as a literal ${, e.g. for the shell", () => {
    expect(interpolate('test -n "$${HOME}" && echo ${var.PORT}', scope)).toBe('test -n "${HOME}" && echo 8080');
  });

  it("leaves what is not a reference as written", () => {
    expect(interpolate("price: $5, ${HOME}, ${var.UNKNOWN}, $$", scope)).toBe("price: $5, ${HOME}, ${var.UNKNOWN}, $$");
    expect(interpolate(42, scope)).toBe(42);
    expect(interpolate(null, scope)).toBeNull();
  });
});

describe("references", () => {
  it("lists the references of a text", () => {
    expect(referencesIn("${var.A}-${env.B}-${random.token}-$${var.C}")).toEqual([
      { prefix: "var", name: "A", text: "${var.A}" },
      { prefix: "env", name: "B", text: "${env.B}" },
      { prefix: "random", name: "token", text: "${random.token}" },
    ]);
  });

  it("reports a malformed reference, with what to write instead", () => {
    expect(referenceProblemsIn("echo ${HOME}")).toEqual([
      {
        text: "${HOME}",
        message: "`${HOME}` is not a reference: write `${var.NAME}`, `${env.NAME}` or `${random.NAME}`, or `$${HOME}` for a literal text.",
      },
    ]);
    expect(referenceProblemsIn("${secret.KEY}")).toHaveLength(1);
    expect(referenceProblemsIn("${var.}")).toHaveLength(1);
    expect(referenceProblemsIn("${var.PORT")[0].message).toContain("never closed");
    expect(referenceProblemsIn("${var.PORT} $${x}")).toEqual([]);
  });

  it("replaces only variables when asked, for display and validation at load time", () => {
    expect(replaceVariables({ a: "${var.X}/${env.Y}/${random.Z}" }, { X: "1" })).toEqual({ a: "1/${env.Y}/${random.Z}" });
  });

  it("visits every string with its path", () => {
    const seen: string[] = [];
    forEachString({ a: ["x", { b: "y" }], c: 3 }, ["root"], (text, path) => seen.push(`${path.join(".")}=${text}`));
    expect(seen).toEqual(["root.a.0=x", "root.a.1.b=y"]);
  });
});
