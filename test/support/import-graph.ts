/** The project's own import graph (relative imports, `import type` included), and its cycles. */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/** Each .ts file under `folders` (paths relative to `root`) with the project files it imports. */
export function importGraph(root: string, folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      const file = path.posix.join(dir, entry.name);
      return entry.isDirectory() ? files(file) : entry.name.endsWith(".ts") ? [file] : [];
    });
  for (const file of folders.flatMap(files)) {
    const imported = ts.preProcessFile(fs.readFileSync(path.join(root, file), "utf8"), true, true).importedFiles;
    const targets = imported
      .filter(({ fileName }) => fileName.startsWith("."))
      .map(({ fileName }) => path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)))
      .map((base) => [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(root, candidate))))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The import cycles: each a group of files that import one another, sorted (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) visit(next);
      if (stack.includes(next)) low.set(file, Math.min(low.get(file)!, low.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = stack.splice(stack.indexOf(file));
    if (group.length > 1 || graph.get(file)?.includes(file)) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}
