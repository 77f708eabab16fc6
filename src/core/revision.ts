import { splitMetadata } from './fences';

/**
 * A short fingerprint of a file's text (FNV-1a, 32 bits, plus the length). The panel sends it back with every
 * edit so the host can refuse a write when the file changed after the view was drawn. Not cryptographic:
 * it guards against races, not adversaries, and it must run in the browser host too (no node:crypto).
 */
export function revisionOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(36)}-${text.length.toString(36)}`;
}

/**
 * The revision of a file's metadata: its front-matter's YAML text (the whole of a YAML metadata file such as
 * kep.yaml), what the panel's edits depend on. The panel takes it from the index's parse without reading the
 * file, and the writer from the document it edits. A body edit changes nothing the panel edits, so it does not
 * make the panel's next edit stale. Line endings are ignored: VS Code may normalise a file's mixed line endings
 * when it opens it.
 */
export function metadataRevision(yamlText: string): string {
  return revisionOf(yamlText.replace(/\r\n?/g, '\n'));
}

/** `metadataRevision` of a whole file's text (`file` names it: a YAML file is metadata throughout). */
export function metadataRevisionOfText(text: string, file: string): string {
  const split = splitMetadata(text, file);
  return metadataRevision(split.kind === 'closed' ? text.slice(split.yamlStart, split.yamlEnd) : '');
}
