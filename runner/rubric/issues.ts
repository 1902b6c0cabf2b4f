/** Problems found in a rubric, each pointing at its line and column. */
import { formatPath, type Path, type PositionMap } from "./positions";

export interface RubricIssue {
  file: string;
  line: number;
  column: number;
  /** Where in the rubric, e.g. steps[3].http.expect; "" for the document. */
  path: string;
  message: string;
}

/** `file:line:column: message`, the form editors and terminals link. */
export function formatIssue(issue: RubricIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

export function formatWarning(issue: RubricIssue): string {
  return formatIssue({ ...issue, message: `warning: ${issue.message}` });
}

/** More than an author reads; a hostile rubric can make tens of thousands. */
export const MAX_ISSUES = 100;

/** Collects errors and warnings; every message starts with the path it is about. */
export class IssueList {
  readonly errors: RubricIssue[] = [];
  readonly warnings: RubricIssue[] = [];
  private dropped = 0;

  constructor(
    private readonly file: string,
    private readonly positions?: PositionMap,
  ) {}

  error(path: Path, message: string): void {
    if (this.errors.length >= MAX_ISSUES) this.dropped++;
    else this.errors.push(this.issue(path, message));
  }

  warning(path: Path, message: string): void {
    if (this.warnings.length < MAX_ISSUES) this.warnings.push(this.issue(path, message));
  }

  /** In the order of the file, the way an author fixes them; past MAX_ISSUES, how many more. */
  sorted(): { errors: RubricIssue[]; warnings: RubricIssue[] } {
    const byPlace = (a: RubricIssue, b: RubricIssue) => a.line - b.line || a.column - b.column;
    const errors = dedupe(this.errors).sort(byPlace);
    if (this.dropped) {
      const last = errors[errors.length - 1]!;
      errors.push({ ...last, path: "", message: `and ${this.dropped} more error(s) not shown: fix these first.` });
    }
    return { errors, warnings: dedupe(this.warnings).sort(byPlace) };
  }

  private issue(path: Path, message: string): RubricIssue {
    const position = this.positions?.at(path) ?? { line: 1, column: 1 };
    const where = formatPath(path);
    return { file: this.file, ...position, path: where, message: where ? `${where}: ${message}` : message };
  }
}

function dedupe(issues: RubricIssue[]): RubricIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = formatIssue(issue);
    return !seen.has(key) && Boolean(seen.add(key));
  });
}
