// Hover and completion documentation is Markdown. Everything that comes from a feature file or the config is
// escaped, so that a title such as "*Fast* [login](x)" reads as text and can never form a link or an image.

const markdownSpecial = /[\\`*_{}[\]()#+\-.!|<>~]/g;

/** Escapes text for Markdown prose and table cells; line breaks become spaces so a table row stays one row. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(markdownSpecial, '\\$&');
}

/** A Markdown table from a header and rows of already-escaped cells. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
