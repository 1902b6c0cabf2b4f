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

/** Collects errors and warnings; every message starts with the path it is about. */
export class IssueList {
  readonly errors: RubricIssue[] = [];
  readonly warnings: RubricIssue[] = [];

  constructor(
    private readonly file: string,
    private readonly positions?: PositionMap,
  ) {}

  error(path: Path, message: string): void {
    this.errors.push(this.issue(path, message));
  }

  warning(path: Path, message: string): void {
    this.warnings.push(this.issue(path, message));
  }

  /** In the order of the file, the way an author fixes them. */
  sorted(): { errors: RubricIssue[]; warnings: RubricIssue[] } {
    const byPlace = (a: RubricIssue, b: RubricIssue) => a.line - b.line || a.column - b.column;
    return { errors: dedupe(this.errors).sort(byPlace), warnings: dedupe(this.warnings).sort(byPlace) };
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
