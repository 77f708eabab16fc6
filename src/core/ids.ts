// How ids are compared across files: the config may declare them case-insensitive and declare prefixes that
// mean the same series (`task-100.4` ≡ `BACK-100.4`). Every cross-file lookup goes through one key function.
import type { IdSettings } from './config';

/** The comparison key of an id under the config's id settings. */
export function idKeyFunction(settings: IdSettings): (id: string) => string {
  const prefixes = Object.entries(settings.prefixes).map(([from, to]) => [from.toLowerCase(), to] as const);
  if (prefixes.length === 0 && !settings.caseInsensitive) return (id) => id;
  return (id) => {
    let key = id;
    const lower = id.toLowerCase();
    for (const [from, to] of prefixes) {
      if (lower.startsWith(from)) {
        key = to + id.slice(from.length);
        break;
      }
    }
    return settings.caseInsensitive ? key.toLowerCase() : key;
  };
}

/**
 * A reference written as a path (`/keps/sig-node/1287-in-place-update`): the folder, without leading or
 * trailing slashes, or undefined when the reference is not path-like.
 */
export function referencedFolder(reference: string): string | undefined {
  if (!reference.includes('/')) return undefined;
  const folder = reference.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return folder === '' ? undefined : folder;
}

/** The folder of a workspace-relative file path. */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}
