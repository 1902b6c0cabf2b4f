import { translator } from "../i18n";
import { lampResult } from "../../test/support/sample-results";
import type { CheckResult, GradeResult } from "../result";
import { LiveDisplay, type DisplayOptions } from "./display";
import type { Screen } from "./screen";

/** A screen that records what was written, and what a terminal would show after the cursor moves. */
function fakeScreen(live: boolean, columns = 60): Screen & { text: string; shown(): string[] } {
  const screen = {
    text: "",
    live,
    columns,
    color: false,
    write(text: string) {
      screen.text += text;
    },
    shown() {
      const lines: string[] = [];
      for (const part of screen.text.split(/(\x1b\[\d+A\x1b\[J)/)) {
        const up = /^\x1b\[(\d+)A\x1b\[J$/.exec(part);
        if (up) lines.splice(lines.length - Number(up[1]));
        else lines.push(...part.split("\n").slice(0, -1));
      }
      return lines;
    },
  };
  return screen;
}

const failed: CheckResult = {
  id: "web-running", title: "lamp-web publie le port 8080", status: "failed", points: 0, maxPoints: 2,
  message: "Container lamp-web does not match.", expected: "80/tcp published on 8080", actual: "8081->80/tcp", hint: "Publiez le port avec -p 8080:80.", durationMs: 5,
};
const passed: CheckResult = { id: "volumes", title: "Les volumes existent", status: "passed", points: 3, maxPoints: 3, message: "", durationMs: 5 };

let clock = 0;
const options: DisplayOptions = {
  t: translator("en"),
  color: false,
  lab: { images: ["mysql:8.0"], script: "lamp.sh" },
  checks: [{ id: "volumes", maxPoints: 3 }, { id: "web-running", maxPoints: 2 }],
  output: { head: 2, tail: 1 },
  now: () => clock,
};
const result: GradeResult = { ...lampResult, checks: [passed, failed] };

function play(display: LiveDisplay): void {
  display.onEvent({ type: "phase", phase: "sandbox" });
  clock += 1500;
  display.onEvent({ type: "phase", phase: "script" });
  display.onEvent({ type: "output", text: "mysql-data\nweb-" });
  display.onEvent({ type: "output", text: "content\n3f84416\nlamp-web\n" });
  display.onEvent({ type: "output", text: "lamp-mysql\nPHP Version\n" });
  display.onEvent({ type: "phase", phase: "checks" });
  display.onEvent({ type: "check", check: passed });
  display.onEvent({ type: "check", check: failed });
  display.onEvent({ type: "phase", phase: "cleanup" });
  display.finish(result);
}

const TRANSCRIPT = [
  "▸ Starting the sandbox and preparing its images (mysql:8.0)…",
  "▸ Running your script lamp.sh…",
  "  │ mysql-data",
  "  │ web-content",
  "  │ … 3 lines not shown …",
  "  │ PHP Version",
  "▸ Checking…",
  "✓ 3/3  Les volumes existent [volumes]",
  "✗ 0/2  lamp-web publie le port 8080 [web-running]",
  "    expected: 80/tcp published on 8080",
  "    found: 8081->80/tcp",
  "    Container lamp-web does not match.",
  "    hint: Publiez le port avec -p 8080:80.",
];

describe("LiveDisplay", () => {
  it("writes plain lines to a pipe: phases, the first and last lines of output, checks as they complete", () => {
    const screen = fakeScreen(false);
    play(new LiveDisplay(screen, options));
    expect(screen.text).toBe(`${TRANSCRIPT.join("\n")}\n`);
  });

  it("on a terminal, leaves the same lines once the status line below them is gone", () => {
    const screen = fakeScreen(true);
    play(new LiveDisplay(screen, options));
    expect(screen.text).toContain("\x1b[1A\x1b[J");
    expect(screen.shown()).toEqual(TRANSCRIPT);
  });

  it("on a terminal, shows the time in the phase, the progress and the next check, and the last lines of output", () => {
    const screen = fakeScreen(true);
    const display = new LiveDisplay(screen, options);
    display.onEvent({ type: "phase", phase: "script" });
    display.onEvent({ type: "output", text: "1\n2\n3\n4\n" });
    clock += 2000;
    display.tick();
    expect(screen.shown().slice(-2)).toEqual(["  │ 4", "⠙ 2 s"]);
    display.onEvent({ type: "phase", phase: "checks" });
    display.onEvent({ type: "check", check: passed });
    expect(screen.shown().at(-1)).toBe("⠙ 1/2 checked · 0 s · next: web-running");
  });

  it("prints, at the end, the checks no event announced, and only those --only selected", () => {
    const screen = fakeScreen(false);
    const reason = "not checked: your submission has no lamp.sh.";
    const skipped = (id: string): CheckResult => ({ ...passed, id, title: id, status: "skipped", points: 0, message: reason });
    new LiveDisplay(screen, options).finish({ ...result, checks: [skipped("volumes"), skipped("web-running"), skipped("other")] }, new Set(["volumes", "web-running"]));
    expect(screen.text).toBe(["– 0/3  volumes [volumes]", "– 0/3  web-running [web-running]", `    ${reason}`, ""].join("\n"));
  });

  it("cuts long lines of output to the screen's width", () => {
    const screen = fakeScreen(false, 20);
    const display = new LiveDisplay(screen, options);
    display.onEvent({ type: "phase", phase: "script" });
    display.onEvent({ type: "output", text: `${"x".repeat(50)}\n` });
    expect(screen.text).toContain(`  │ ${"x".repeat(14)}…\n`);
  });
});
