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
