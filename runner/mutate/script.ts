/**
 * Enough of a shell script's syntax to find its commands and their words, each
 * with where it lies in the text, so that a mutation can rewrite one option and
 * leave every other byte as the author wrote it. Quotes, $(…), ${…}, backticks,
 * line continuations, comments and here-documents are understood; nothing is expanded.
 */

export interface Word {
  /** The word as written (quotes included). */
  raw: string;
  /** The word without its quotes and backslashes (nothing expanded): `"$(pwd)/a:b"` is `$(pwd)/a:b`. */
  value: string;
  start: number;
  end: number;
}

export interface Command {
  words: Word[];
  /** Where its first word starts and its last word ends. */
  start: number;
  end: number;
  /** 1-based line of its first word. */
  line: number;
}

/** Words that may open a command line before the command itself. */
const PREFIXES = new Set(["do", "then", "else", "elif", "if", "while", "until", "!", "time", "sudo", "{", "exec"]);

/** Skips a quoted or nested piece starting at `i` (a quote, `$(`, `${`, a backtick); returns the index past it. */
function skipNested(text: string, i: number): number {
  const c = text[i];
  if (c === "'") {
    const close = text.indexOf("'", i + 1);
    return close < 0 ? text.length : close + 1;
  }
  if (c === '"' || c === "`") {
    let j = i + 1;
    while (j < text.length && text[j] !== c) {
      if (text[j] === "\\") j += 2;
      else if (c === '"' && text[j] === "$" && (text[j + 1] === "(" || text[j + 1] === "{")) j = skipNested(text, j);
      else if (c === '"' && text[j] === "`") j = skipNested(text, j);
      else j++;
    }
    return Math.min(text.length, j + 1);
  }
  // $( … ) or ${ … }: up to the matching close, past quotes inside.
  const open = text[i + 1];
  const close = open === "(" ? ")" : "}";
  let depth = 0;
  let j = i + 1;
  while (j < text.length) {
    const d = text[j];
    if (d === "'" || d === '"' || d === "`") {
      j = skipNested(text, j);
      continue;
    }
    if (d === "\\") {
      j += 2;
      continue;
    }
    if (d === open) depth++;
    else if (d === close && --depth === 0) return j + 1;
    j++;
  }
  return text.length;
}

/** A word's value: quotes and backslashes removed, `$…` kept as written. */
function unquote(raw: string): string {
  let out = "";
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === "'") {
      const end = skipNested(raw, i);
      out += raw.slice(i + 1, end - 1);
      i = end;
    } else if (c === '"') {
      const end = skipNested(raw, i);
      out += raw.slice(i + 1, end - 1).replace(/\\([$`"\\])/g, "$1");
      i = end;
    } else if (c === "\\") {
      out += raw[i + 1] ?? "";
      i += 2;
    } else if (c === "$" && (raw[i + 1] === "(" || raw[i + 1] === "{")) {
      const end = skipNested(raw, i);
      out += raw.slice(i, end);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text[i] === "\n") line++;
  return line;
}

/** Every simple command of the script, in order (the commands of a pipeline or an && list each count). */
export function commandsOf(text: string): Command[] {
  const commands: Command[] = [];
  let words: Word[] = [];
  const heredocs: string[] = [];
  const end = () => {
    if (words.length) commands.push({ words, start: words[0].start, end: words[words.length - 1].end, line: lineAt(text, words[0].start) });
    words = [];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "\n") {
      end();
      i++;
      // Here-documents opened on this line: their bodies are no commands.
      while (heredocs.length) {
        const tag = heredocs.shift()!;
        const lines = text.slice(i).split("\n");
        let skipped = 0;
        for (const line of lines) {
          skipped += line.length + 1;
          if (line.replace(/^\t+/, "") === tag) break;
        }
        i += skipped;
      }
    } else if (c === "#" && words.length === 0) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
    } else if (c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
      end();
      i++;
    } else {
      const start = i;
      while (i < text.length && !" \t\r\n;&|()".includes(text[i])) {
        if (text[i] === "\\") i += 2;
        else if (text[i] === "'" || text[i] === '"' || text[i] === "`" || (text[i] === "$" && (text[i + 1] === "(" || text[i + 1] === "{"))) i = skipNested(text, i);
        else if ((text[i] === "<" || text[i] === ">") && text[i + 1] === "(") i = skipNested(text, i); // <(…) as $(…)
        else i++;
      }
      // A redirection's target stays with its operator (>file, 2>&1) as one word.
      if (text[i] === "&" && /[<>]$/.test(text.slice(start, i))) {
        i++;
        while (i < text.length && /[0-9-]/.test(text[i])) i++;
      }
      const raw = text.slice(start, i);
      const heredoc = /^<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?$/.exec(raw);
      if (heredoc) heredocs.push(heredoc[1]);
      words.push({ raw, value: unquote(raw), start, end: i });
    }
  }
  end();
  return commands;
}

/** The command's words after the prefixes that may open a line (do, then, sudo, VAR=value). */
export function commandWords(command: Command): Word[] {
  let k = 0;
  while (k < command.words.length && (PREFIXES.has(command.words[k].value) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[k].raw))) k++;
  return command.words.slice(k);
}

/** A docker command: its arguments after `docker` (run, volume create, exec…), or undefined. */
export function dockerArgs(command: Command): Word[] | undefined {
  const words = commandWords(command);
  if (words.length === 0 || !/(^|\/)docker$/.test(words[0].value)) return undefined;
  return words.slice(1);
}
