/**
 * The batch's progress on stderr: which submissions run, which are done with
 * their score, and how long is left. On a terminal, a live block redrawn in
 * place under the finished lines; elsewhere (CI logs, files) plain lines.
 * The model and the texts are pure; only `progressDisplay` writes.
 */
import type { GradeResult } from "../result";
import { clean, formatPoints } from "../report/text";

export interface Finished {
  student: string;
  result: GradeResult;
  ms: number;
}

/** "9.1 s", "42 s", "2 min 05 s", "1 h 02 min" */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(Math.round(seconds) / 60);
  if (minutes < 60) return `${minutes} min ${String(Math.round(seconds) % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export class ProgressModel {
  readonly running = new Map<string, number>();
  readonly finished: Finished[] = [];

  constructor(
    /** Submissions this run grades (kept results not counted). */
    readonly total: number,
    readonly parallel: number,
  ) {}

  start(student: string, now: number): void {
    this.running.set(student, now);
  }

  finish(student: string, result: GradeResult, now: number): Finished {
    const done = { student, result, ms: now - (this.running.get(student) ?? now) };
    this.running.delete(student);
    this.finished.push(done);
    return done;
  }

  /**
   * Time left: the mean grading time so far for each submission not started and for
   * what the running ones have not yet spent of it, shared among the parallel slots.
   * Gradings that needed no sandbox (no script: under a second) say nothing of the
   * others, so the mean leaves them out: undefined until a slower one has finished.
   */
  remainingMs(now: number): number | undefined {
    const sample = this.finished.filter((f) => f.ms >= 1000);
    if (sample.length === 0) return undefined;
    const mean = sample.reduce((sum, f) => sum + f.ms, 0) / sample.length;
    const pending = this.total - this.finished.length - this.running.size;
    const runningLeft = [...this.running.values()].reduce((sum, started) => sum + Math.max(0, mean - (now - started)), 0);
    const slots = Math.max(1, Math.min(this.parallel, pending + this.running.size));
    return (pending * mean + runningLeft) / slots;
  }
}

function eta(model: ProgressModel, now: number): string {
  if (model.finished.length === model.total) return "done";
  const left = model.remainingMs(now);
  if (left === undefined) return "estimating time left";
  return left < 1000 ? "finishing" : `about ${formatDuration(left)} left`;
}

function counter(model: ProgressModel): string {
  const width = String(model.total).length;
  return `[${String(model.finished.length).padStart(width)}/${model.total}]`;
}

export function finishedLine(done: Finished, model: ProgressModel): string {
  const { result } = done;
  const score = result.status === "error" ? `error (${clean(result.error ?? "grading did not complete").split("\n")[0]})` : formatPoints(result.score, result.maxScore);
  return `${counter(model)} ${clean(done.student)}: ${score} in ${formatDuration(done.ms)}`;
}

export function startedLine(student: string, model: ProgressModel): string {
  return `${counter(model)} started ${clean(student)}`;
}

/** Plain mode: what follows each finished line. */
export function statusLine(model: ProgressModel, now: number): string {
  const running = [...model.running.keys()].map(clean);
  return `${running.length ? `running: ${running.join(", ")}; ` : ""}${eta(model, now)}`;
}

/** Live mode: the block under the finished lines, one line per running submission. */
export function liveBlock(model: ProgressModel, now: number): string[] {
  const lines = [`${counter(model)} graded, ${model.running.size} running, ${eta(model, now)}`];
  for (const [student, started] of model.running) lines.push(`  ▸ ${clean(student)}  ${formatDuration(now - started)}`);
  return lines;
}

export interface ProgressDisplay {
  started(student: string): void;
  finished(student: string, result: GradeResult): void;
  close(): void;
}

export interface DisplayOptions {
  /** A terminal: redraw a live block in place. */
  live: boolean;
  write: (text: string) => void;
  columns?: number;
  now?: () => number;
}

export function progressDisplay(model: ProgressModel, options: DisplayOptions): ProgressDisplay {
  const now = options.now ?? Date.now;
  const width = Math.max(20, (options.columns ?? 80) - 1);
  if (!options.live) {
    return {
      started: (student) => {
        model.start(student, now());
        options.write(`${startedLine(student, model)}\n`);
      },
      finished: (student, result) => {
        const done = model.finish(student, result, now());
        options.write(`${finishedLine(done, model)}; ${statusLine(model, now())}\n`);
      },
      close: () => undefined,
    };
  }
  let drawn = 0;
  // Lines longer than the terminal would wrap and break the cursor arithmetic.
  const fit = (line: string) => (line.length > width ? `${line.slice(0, width - 1)}…` : line);
  const redraw = (above: string[] = []) => {
    const erase = drawn ? `\x1b[${drawn}F\x1b[J` : "";
    const block = liveBlock(model, now()).map(fit);
    drawn = block.length;
    options.write(`${erase}${[...above.map(fit), ...block].join("\n")}\n`);
  };
  const timer = setInterval(() => redraw(), 1000);
  timer.unref();
  return {
    started: (student) => {
      model.start(student, now());
      redraw();
    },
    finished: (student, result) => {
      const done = model.finish(student, result, now());
      redraw([finishedLine(done, model)]);
    },
    close: () => {
      clearInterval(timer);
      redraw();
    },
  };
}
