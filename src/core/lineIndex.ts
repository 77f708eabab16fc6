import type { Position, Range, Span } from './types';

/** Converts between UTF-16 offsets and zero-based line/character positions of one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    // Most texts have only `\n` breaks, which the native search finds far faster than a loop over characters.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.lineStarts.push(i + 1);
      else if (code === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.min(Math.max(0, line), this.lineStarts.length - 1)];
  }
}

/**
 * Positions in a feature file computed from its front-matter alone, so that no file's whole text needs to be
 * kept: the opening fence is line 0 and the YAML text, which starts at `yamlStart`, begins line 1. Every
 * front-matter issue sits on the fence or in the YAML.
 */
export class FrontmatterLines {
  private readonly yaml: LineIndex | undefined;

  constructor(
    private readonly yamlStart: number,
    yamlText: string | undefined,
  ) {
    this.yaml = yamlText === undefined ? undefined : new LineIndex(yamlText);
  }

  positionAt(offset: number): Position {
    if (!this.yaml || offset < this.yamlStart) return { line: 0, character: Math.max(0, offset) };
    const position = this.yaml.positionAt(offset - this.yamlStart);
    return { line: position.line + 1, character: position.character };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
