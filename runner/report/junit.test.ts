import type { GradeResult } from "../result";
import { toJunit } from "./junit";
import { erroredResult, lampResult } from "../../test/support/sample-results";
import { junitSchemaErrors } from "../../test/support/junit-schema";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(text: string): string {
  if (/&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & in ${text}`);
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** A small, strict XML reader: enough to prove the report is well formed and to read it back. */
function parseXml(xml: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
  };
  const decl = /^<\?xml [^?]*\?>\s*/.exec(xml) ?? fail("no XML declaration");
  at = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (at < xml.length) {
    if (xml.startsWith("<![CDATA[", at)) {
      const end = xml.indexOf("]]>", at);
      if (end < 0 || !stack.length) fail("bad CDATA");
      stack.at(-1)!.text += xml.slice(at + 9, end);
      at = end + 3;
    } else if (xml.startsWith("</", at)) {
      const m = /^<\/([\w-]+)\s*>/.exec(xml.slice(at)) ?? fail("bad end tag");
      if (stack.pop()?.name !== m[1]) fail(`mismatched </${m[1]}>`);
      at += m[0].length;
    } else if (xml[at] === "<") {
      const m = /^<([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(at)) ?? fail("bad start tag");
      const attrs: Record<string, string> = {};
      for (const [, key, value] of m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)) {
        if (key! in attrs) fail(`duplicate attribute ${key}`);
        attrs[key!] = decode(value!);
      }
      const element: XmlElement = { name: m[1]!, attrs, children: [], text: "" };
      if (stack.length) stack.at(-1)!.children.push(element);
      else if (root) fail("second root");
      else root = element;
      if (!m[3]) stack.push(element);
      at += m[0].length;
    } else {
      const end = xml.indexOf("<", at) < 0 ? xml.length : xml.indexOf("<", at);
      const raw = xml.slice(at, end);
      if (raw.includes("]]>")) fail("]]> in text");
      if (stack.length) stack.at(-1)!.text += decode(raw);
      else if (raw.trim()) fail("text outside the root");
      at = end;
    }
  }
  if (stack.length || !root) fail("unclosed elements");
  return root!;
}

const all = (element: XmlElement, name: string): XmlElement[] =>
  element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);
const one = (element: XmlElement, name: string): XmlElement => {
  const found = all(element, name);
  if (found.length !== 1) throw new Error(`${found.length} <${name}> in <${element.name}>`);
  return found[0]!;
};
const testcase = (suite: XmlElement, id: string): XmlElement => {
  const found = all(suite, "testcase").find((t) => t.attrs.name!.startsWith(`${id}: `));
  if (!found) throw new Error(`no testcase for ${id}`);
  return found;
};

/** Parse the report the way a CI tool would: from UTF-8 bytes. */
const read = (xml: string) => parseXml(Buffer.from(xml, "utf8").toString("utf8"));

describe("the test's XML reader", () => {
  it("rejects what a CI tool would reject", () => {
    const bad = ["<a><![CDATA[x]]> y ]]></a>", "<a><b></a></b>", '<a x="1" x="2"/>', "<a>&</a>", "<a/><b/>", "<a>"];
    for (const body of bad) expect(() => parseXml(`<?xml version="1.0"?>${body}`)).toThrow();
    expect(parseXml('<?xml version="1.0"?><a k="&lt;&#xA;"><![CDATA[]]]]><![CDATA[>]]></a>')).toEqual({
      name: "a", attrs: { k: "<\n" }, children: [], text: "]]>",
    });
  });
});


describe("toJunit", () => {
  const xml = toJunit(lampResult);
  const suite = one(read(xml), "testsuite");

  it("is valid against the schema Jenkins' xunit plugin validates with, as are all the sample reports", () => {
    for (const report of [xml, toJunit(lampResult, { showHidden: true }), toJunit(erroredResult), toJunit([lampResult, erroredResult])]) {
      expect(junitSchemaErrors(report)).toEqual([]);
    }
  });

  it("the schema check fails on what Jenkins refuses", () => {
    const refused = xml.replace("<testsuites ", '<testsuites skipped="1" ').replace("<system-out>", '<properties><property name="points" value="3"/></properties><system-out>');
    expect(junitSchemaErrors(refused).join("\n")).toMatch(/attribute 'skipped'[\s\S]*'properties': This element is not expected/);
  });

  it("writes one suite per submission with its score, named rubric — submission", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(suite.attrs).toEqual({ name: "lamp-stack — alice-dupont", time: "40.21", tests: "8", failures: "2", errors: "0", skipped: "1" });
    const properties = Object.fromEntries(one(suite, "properties").children.map((p) => [p.attrs.name, p.attrs.value]));
    expect(properties).toEqual({ score: "17", maxScore: "20", status: "completed" });
  });

  it("names each testcase id: title, without the points, and its class rubric.submission", () => {
    const cases = all(suite, "testcase");
    expect(cases).toHaveLength(lampResult.checks.length);
    expect(cases[0]!.attrs).toEqual({
      classname: "lamp-stack.alice-dupont",
      name: "volumes: Les volumes mysql-data, web-content et user-uploads existent",
      time: "0.12",
    });
    // The same check at another score keeps its name: CI tools key a test's history on it.
    const worse = { ...lampResult, checks: [{ ...lampResult.checks[0]!, status: "failed" as const, points: 0 }] };
    expect(all(one(read(toJunit(worse)), "testsuite"), "testcase")[0]!.attrs).toEqual(cases[0]!.attrs);
  });

  it("gives every testcase its points in system-out", () => {
    expect(one(testcase(suite, "volumes"), "system-out").text).toBe("points: 3/3");
    expect(one(testcase(suite, "restore-secret"), "system-out").text).toBe("points: 2/3");
    expect(one(testcase(suite, "webapp-db"), "system-out").text).toBe("points: 0/1");
    expect(testcase(suite, "volumes").children.map((c) => c.name)).toEqual(["system-out"]);
  });

  it("keeps French text, emoji and markup characters byte for byte", () => {
    expect(testcase(suite, "info-page").attrs.name).toBe("info-page: La page info.php répond « PHP Version » 🚀");
    expect(testcase(suite, "backup-archive").attrs.name).toBe("backup-archive: L’archive backup.tar.gz existe & se liste");
    expect(xml).toContain("existe &amp; se liste");
    const names = all(suite, "testcase").map((t) => t.attrs.name!.replace(/^[\w-]+: /, ""));
    expect(names).toEqual(lampResult.checks.map((c) => c.title));
  });

  it("gives a failed check a failure whose body has the points, expected, found, the message and the hint", () => {
    const failure = one(testcase(suite, "mysql-running"), "failure");
    expect(failure.attrs).toEqual({ message: "L’état du conteneur n’est pas « running » | vérifiez son démarrage.", type: "failed" });
    // GitLab shows the body, not the message: the explanation is there in full.
    expect(failure.text).toBe(
      "points: 0/1\n" +
        'expected: état "running" & santé <healthy>\n' +
        "found: exited (1)\n[ERROR] --initialize specified but the data directory has files in it. ]]> Aborting. ]]> bye\n" +
        "L’état du conteneur n’est pas « running » | vérifiez son démarrage.\n" +
        "hint: Lisez `docker logs lamp-mysql` : le volume mysql-data était-il vide à la création ? 🐬",
    );
  });

  it("keeps newlines and tabs in attribute values", () => {
    const withNewline: GradeResult = { ...lampResult, checks: [{ ...lampResult.checks[1]!, message: "ligne 1\nligne 2\tfin" }] };
    const report = toJunit(withNewline);
    expect(one(read(report), "failure").attrs.message).toBe("ligne 1\nligne 2\tfin");
    expect(report).toContain('message="ligne 1&#10;ligne 2&#9;fin"');
  });

  it("replaces what XML cannot hold (lone surrogates, U+FFFF) and stays valid", () => {
    const odd: GradeResult = { ...lampResult, checks: [{ ...lampResult.checks[1]!, actual: "a\uD800b\uFFFFc\x01d" }] };
    const report = toJunit(odd);
    expect(junitSchemaErrors(report)).toEqual([]);
    expect(one(read(report), "failure").text).toContain("found: a\uFFFDb\uFFFDcd");
  });

  it("marks a skipped check skipped, with its reason as message and body", () => {
    const skipped = testcase(suite, "webapp-db");
    const element = one(skipped, "skipped");
    expect(element.attrs).toEqual({ message: "not checked because mysql-running failed" });
    expect(element.text).toBe("not checked because mysql-running failed");
    expect(all(skipped, "failure")).toHaveLength(0);
  });

  it("hides a hidden check's feedback unless showHidden, but not its points", () => {
    expect(xml).not.toContain("SECRET");
    const hidden = one(testcase(suite, "restore-secret"), "failure");
    expect(hidden.attrs.message).toBe("hidden check: details are not shown");
    expect(hidden.text).toBe("points: 2/3\nhidden check: details are not shown");
    const open = one(read(toJunit(lampResult, { showHidden: true })), "testsuite");
    const failure = one(testcase(open, "restore-secret"), "failure");
    expect(failure.attrs.message).toBe("SECRET-MESSAGE: 2 des 3 fichiers restaurés");
    expect(failure.text).toContain("hint: SECRET-HINT: tar -C /data");
  });

  it("gives an errored grading a testcase named grading carrying the error, without escape bytes", () => {
    const errored = one(read(toJunit(erroredResult)), "testsuite");
    expect(errored.attrs).toMatchObject({ name: "lamp-stack — bob <b&b>", tests: "1", errors: "1" });
    const grading = one(errored, "testcase");
    expect(grading.attrs).toMatchObject({ classname: "lamp-stack.bob <b&b>", name: "grading" });
    const error = one(grading, "error");
    expect(error.attrs.message).toBe("Le script n’a pas terminé en 300 s : « lamp.sh » a été arrêté.");
    expect(error.text).toBe(error.attrs.message);
    expect(one(grading, "system-out").text).toBe("waiting for mysql…\nwaiting for mysql…\n");
    expect(toJunit(erroredResult)).not.toContain("\x1b");
  });

  it("puts several submissions in one report, each its own class, with totals and no skipped on testsuites", () => {
    const both = read(toJunit([lampResult, erroredResult]));
    expect(both.name).toBe("testsuites");
    expect(all(both, "testsuite").map((s) => s.attrs.name)).toEqual(["lamp-stack — alice-dupont", "lamp-stack — bob <b&b>"]);
    expect(new Set(all(both, "testcase").map((t) => t.attrs.classname))).toEqual(new Set(["lamp-stack.alice-dupont", "lamp-stack.bob <b&b>"]));
    expect(both.attrs).toEqual({ tests: "9", failures: "2", errors: "1", time: "341.71" });
    expect(toJunit(lampResult)).toBe(xml);
  });
});
