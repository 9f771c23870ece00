// How the operator CLI talks: friendly lines for people, exactly one JSON document on stdout for
// scripts (`--json`). Errors are the caller's job (main.ts), so nothing here writes to stderr.

/** A failure the operator can act on: printed as `cirrus: <message>`, never with a stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 2) {
    super(message);
  }
}

/** A command line we cannot run: the message, then the usage text (or a pointer to it), on stderr. */
export class UsageError extends CliError {
  constructor(message: string, readonly showUsage = false) {
    super(message, 2);
  }
}

export interface Printer {
  readonly json: boolean;
  /** One line of friendly text (ignored in --json mode, so commands can print unconditionally). */
  line(text?: string): void;
  /** The command's JSON document (only in --json mode). */
  document(value: unknown): void;
}

export function printer(json: boolean, write: (text: string) => void = (text) => process.stdout.write(text)): Printer {
  return {
    json,
    line: (text = '') => {
      if (!json) write(`${text}\n`);
    },
    document: (value) => {
      if (json) write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

/** `label  value` pairs with the values aligned, indented by two spaces. */
export function fieldLines(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

/** A table whose columns are as wide as their widest cell; the header comes first. */
export function tableLines(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [render(headers), ...rows.map(render)];
}
