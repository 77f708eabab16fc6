// Where the front-matter is: the `---` fences at the top of a Markdown file. Kept apart from the YAML parsers
// so that code which only needs the fences (the body's remark pass) does not load them.
import type { Span } from './types';

/** Front-matter beyond this many characters is not YAML a person maintains; it is refused, not parsed. */
export const maxFrontmatterLength = 256 * 1024;

export type FrontmatterSplit =
  | { kind: 'none' }
  | {
      kind: 'unclosed';
      fence: Span;
      /** Set when a closing fence exists but beyond `maxFrontmatterLength`: too large, not unclosed. */
      tooLarge?: boolean;
    }
  | {
      kind: 'closed';
      /** The opening `---` line (without its line break). */
      fence: Span;
      /** Offset where the YAML text starts (after the opening fence's line break). */
      yamlStart: number;
      /** Offset where the YAML text ends (the start of the closing fence line). */
      yamlEnd: number;
      /** Offset of the first character of the body. */
      bodyStart: number;
      /** The line break the file uses, for inserting lines. */
      eol: '\n' | '\r\n';
    };

const openingFence = /^\uFEFF?---[ \t]*(\r?\n)/;
const closingFence = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm;

export function splitFrontmatter(text: string): FrontmatterSplit {
  const opening = openingFence.exec(text);
  if (!opening) {
    // An empty front-matter block at the very end of a file ("---" with no line break) is still one.
    return /^\uFEFF?---[ \t]*$/.test(text)
      ? { kind: 'unclosed', fence: { start: 0, end: text.length } }
      : { kind: 'none' };
  }
  const fenceStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const yamlStart = opening[0].length;
  const fence = { start: fenceStart, end: yamlStart - opening[1].length };
  const eol = opening[1] === '\r\n' ? '\r\n' : '\n';
  // An empty block: the closing fence follows the opening one directly.
  closingFence.lastIndex = yamlStart;
  const searchLimit = Math.min(text.length, yamlStart + maxFrontmatterLength + 8);
  for (;;) {
    const match = closingFence.exec(text);
    if (!match) return { kind: 'unclosed', fence };
    if (match.index > searchLimit) return { kind: 'unclosed', fence, tooLarge: true };
    if (match.index < yamlStart) continue;
    if (match.index === yamlStart || text.charCodeAt(match.index - 1) === 10) {
      return {
        kind: 'closed',
        fence,
        yamlStart,
        yamlEnd: match.index,
        bodyStart: match.index + match[0].length,
        eol,
      };
    }
  }
}

/** A YAML metadata file (`kep.yaml` beside its README.md): the whole file is the front-matter. */
export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Where a file's metadata is: the front-matter of Markdown, or the whole of a YAML file (no fences, no body). */
export function splitMetadata(text: string, file: string | undefined): FrontmatterSplit {
  if (file === undefined || !isYamlFile(file)) return splitFrontmatter(text);
  if (text.length > maxFrontmatterLength)
    return { kind: 'unclosed', fence: { start: 0, end: 0 }, tooLarge: true };
  const yamlStart = text.startsWith('\uFEFF') ? 1 : 0;
  return {
    kind: 'closed',
    fence: { start: 0, end: 0 },
    yamlStart,
    yamlEnd: text.length,
    bodyStart: text.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
