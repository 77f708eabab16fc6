// A preset: a known planning format (Backlog.md, KEPs, EIPs, MADR) written as a config object, plus the
// signature that recognises it in a workspace with no `.roadmap/config.yaml`. Presets use only what a config
// file can say: nothing here is a special code path.

import type { StatusCategory } from '../types';

/** A config as `.roadmap/config.yaml` would write it (its YAML, as plain data). */
export type RawConfig = Record<string, unknown>;

/** `statuses:` entries in board order from `{ name: category }` (a status's title defaults to its id). */
export const statusList = (categories: Record<string, StatusCategory>) =>
  Object.entries(categories).map(([id, category]) => ({ id, category }));

export interface Preset {
  /** What `preset:` names in the config. */
  name: string;
  /** The format's own name, for notices. */
  title: string;
  /** Globs (relative to the workspace root) of files that may identify the format; hosts list these. */
  signature: readonly string[];
  /**
   * The folder the format lives in ('' for the root, else ending in '/'), judged from the files that
   * matched the signature; undefined when they do not make this format.
   */
  locate(found: readonly string[]): string | undefined;
  /** Files (relative to the root) whose text `config` reads, such as Backlog.md's own config.yml. */
  reads?(base: string): string[];
  /** The config for this format rooted at `base`; `read` gives the text of a file named by `reads`. */
  config(base: string, read: (path: string) => string | undefined): RawConfig;
}
