/**
 * The live display of `labgrade check`: permanent lines (phases, the script's
 * output, checks) as events come, and on a terminal a status line below them,
 * redrawn in place, with a spinner, the time in the phase, the progress of the
 * checks and the last lines of output. A pipe gets the permanent lines only.
 */
import type { GradeEvent } from "../engine";
import type { GradeResult } from "../result";
import { checkBlock, checkBlocks, hiddenOutputLine, outputLine, phaseLabel, phaseLine, pointsWidthOf, type LabInfo, type Phase, type Style } from "./format";
import { cutLine, ScriptOutput, type OutputLimits } from "./output";
import type { Screen } from "./screen";

export interface DisplayOptions extends Style {
  lab: LabInfo;
  /** The checks that will run, in rubric order: for the progress and to line titles up. */
  checks: { id: string; maxPoints: number }[];
  output?: OutputLimits;
  now?: () => number;
}

const SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";
/** Room for "  │ " before a line of output. */
const OUTPUT_MARGIN = 5;

export class LiveDisplay {
  private phase?: Phase;
  private phaseStarted = 0;
  private output?: ScriptOutput;
  private readonly printed = new Set<string>();
  /** Lines of the live block now on screen, below the permanent ones. */
  private drawn = 0;
  private frame = 0;
  private timer?: NodeJS.Timeout;
  private readonly width: number;
  private readonly now: () => number;

  constructor(
    private readonly screen: Screen,
    private readonly options: DisplayOptions,
  ) {
    this.width = pointsWidthOf(options.checks.map((c) => c.maxPoints));
    this.now = options.now ?? Date.now;
  }

  /** Animates the status line (terminals only). */
  start(): void {
    if (!this.screen.live) return;
    this.timer = setInterval(() => this.tick(), 100);
    this.timer.unref();
  }

  tick(): void {
    this.frame++;
    this.redraw();
  }

  /** Lines that stay, written above the live block. */
  print(lines: string[]): void {
    this.erase();
    for (const line of lines) this.screen.write(`${line}\n`);
    this.draw();
  }

  onEvent(event: GradeEvent): void {
    if (event.type === "phase") this.enter(event.phase);
    else if (event.type === "check") {
      this.printed.add(event.check.id);
      this.print(checkBlock(this.options, event.check, this.width));
    } else {
      const lines = this.output?.push(event.text) ?? [];
      if (lines.length) this.print(lines.map((line) => this.outputLine(line)));
      else this.redraw();
    }
  }

  /** After grading: the checks no event announced (no script, time out), then the live block goes. */
  finish(result: GradeResult, selected?: ReadonlySet<string>): void {
    this.endOutput();
    const rest = result.checks.filter((c) => !this.printed.has(c.id) && (!selected || selected.has(c.id)));
    if (rest.length) this.print(checkBlocks(this.options, rest, this.width));
    this.stop();
  }

  /** Removes the live block and stops redrawing it; what was printed stays. */
  stop(): void {
    clearInterval(this.timer);
    this.erase();
    this.phase = undefined;
  }

  private enter(phase: Phase): void {
    this.endOutput();
    this.phase = phase;
    this.phaseStarted = this.now();
    if (phase === "script") this.output = new ScriptOutput(this.options.output ?? { head: 10, tail: 5 });
    // Removing the sandbox is the harness's business: the status line says it, the log does not.
    if (phase === "cleanup") this.redraw();
    else this.print([phaseLine(this.options, phase, this.options.lab)]);
  }

  private endOutput(): void {
    if (!this.output) return;
    const end = this.output.end();
    this.output = undefined;
    const lines = end.lines.map((line) => this.outputLine(line));
    this.print(end.hidden ? [hiddenOutputLine(this.options, end.hidden), ...lines] : lines);
  }

  private outputLine(line: string): string {
    return outputLine(this.options, cutLine(line, this.screen.columns - OUTPUT_MARGIN));
  }

  private liveLines(): string[] {
    if (!this.screen.live || !this.phase) return [];
    const { t } = this.options;
    const parts = [`${Math.floor((this.now() - this.phaseStarted) / 1000)} s`];
    if (this.phase === "checks") {
      const done = this.options.checks.filter((c) => this.printed.has(c.id)).length;
      const next = this.options.checks.find((c) => !this.printed.has(c.id));
      parts.unshift(t("status.checks", { done, total: this.options.checks.length }));
      if (next) parts.push(t("status.next", { id: next.id }));
    }
    if (this.phase === "cleanup") parts.unshift(phaseLabel(t, "cleanup", this.options.lab));
    const status = cutLine(`${SPINNER[this.frame % SPINNER.length]} ${parts.join(" · ")}`, this.screen.columns - 1);
    return [...(this.output?.window() ?? []).map((line) => this.outputLine(line)), status];
  }

  private erase(): void {
    if (this.drawn) this.screen.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    const lines = this.liveLines();
    for (const line of lines) this.screen.write(`${line}\n`);
    this.drawn = lines.length;
  }

  private redraw(): void {
    if (!this.screen.live) return;
    this.erase();
    this.draw();
  }
}
