// Choosing the config of a workspace: `.roadmap/config.yaml` when there is one (layered on the preset it
// names), else the preset whose signature the workspace shows (Backlog.md, KEPs, EIPs, MADR), else our own
// defaults. Hosts list the signature files and read what a preset asks for; this module does the rest.
import picomatch from 'picomatch/posix';
import { stringify } from 'yaml';
import { defaultConfig, parseConfig, type LoadedConfig } from '../config';
import { splitFrontmatter } from '../fences';
import { backlogMd } from './backlogMd';
import { eip } from './eip';
import { kep } from './kep';
import { madr } from './madr';
import type { Preset } from './preset';

/** In the order detection tries them: the most specific signature first. */
export const presets: readonly Preset[] = [backlogMd, kep, eip, madr];

export function presetByName(name: string): Preset | undefined {
  return presets.find((preset) => preset.name === name.toLowerCase());
}

/** Every preset's signature globs: the files a host lists so that `choosePreset` can recognise a format. */
export const signatureGlobs: readonly string[] = [...new Set(presets.flatMap((preset) => preset.signature))];

/**
 * Built on first use, not when the module loads: a workspace with a config that names no preset never needs
 * them, and picomatch itself then loads later (a side bundle on the Node extension host, see esbuild.mjs).
 */
let signatureMatchers: Map<Preset, (path: string) => boolean> | undefined;

function signatureMatcher(preset: Preset): (path: string) => boolean {
  signatureMatchers ??= new Map(presets.map((each) => [each, picomatch([...each.signature], { dot: true })]));
  return signatureMatchers.get(preset)!;
}

export function matchesSignature(relativePath: string): boolean {
  return presets.some((preset) => signatureMatcher(preset)(relativePath));
}

export interface PresetChoice {
  preset: Preset;
  /** The folder the format lives in ('' or ending in '/'). */
  base: string;
  /** True when recognised from the files, false when the config named it. */
  detected: boolean;
}

/** The first preset whose signature the listed files show. */
export function detectPreset(found: readonly string[]): PresetChoice | undefined {
  for (const preset of presets) {
    const matcher = signatureMatcher(preset);
    const base = preset.locate(found.filter((file) => matcher(file)));
    if (base !== undefined) return { preset, base, detected: true };
  }
  return undefined;
}

/** What a workspace's config will be built from: its config text (if any) and the preset it names or shows. */
export interface ConfigPlan {
  text?: string;
  own?: LoadedConfig;
  choice?: PresetChoice;
  /** Files (relative to the root) the host must read and pass to `buildConfig`. */
  reads: string[];
}

/** What the host knows of the workspace's files, asked for only when the config does not settle it. */
export interface WorkspaceSignature {
  /** The files matching `signatureGlobs`. */
  found: readonly string[];
  /**
   * Zero-config discovery already finds feature files (front-matter Markdown under roadmap/ or features/): our
   * own format stays the default then, so a roadmap/ folder in a repository that also keeps ADRs is not MADR.
   */
  ownFormatInUse: boolean;
}

/**
 * Whether a file zero-config discovery reads is one of our features: front-matter with an `id` and a `status`.
 * A docs page with a `title:` under some features/ folder does not make a Backlog.md repository ours.
 */
export function looksLikeOwnFeature(head: string): boolean {
  const split = splitFrontmatter(head);
  if (split.kind !== 'closed') return false;
  const yaml = head.slice(split.yamlStart, split.yamlEnd);
  return /^id\s*:/m.test(yaml) && /^status\s*:/m.test(yaml);
}

/** Whether a config (or its absence) leaves the preset to the files: hosts with async I/O survey only then. */
export function needsSignature(text: string | undefined): boolean {
  return text === undefined || /^preset\s*:/m.test(text);
}

export function planConfig(text: string | undefined, survey: () => WorkspaceSignature): ConfigPlan {
  const own = text === undefined ? undefined : parseConfig(text);
  let choice: PresetChoice | undefined;
  if (own?.config.preset !== undefined) {
    const preset = presetByName(own.config.preset);
    if (preset) {
      const matcher = signatureMatcher(preset);
      const { found } = survey();
      choice = { preset, base: preset.locate(found.filter((file) => matcher(file))) ?? '', detected: false };
    }
  } else if (text === undefined) {
    const { found, ownFormatInUse } = survey();
    if (!ownFormatInUse) choice = detectPreset(found);
  }
  return { text, own, choice, reads: choice?.preset.reads?.(choice.base) ?? [] };
}

export interface ResolvedConfig extends LoadedConfig {
  text?: string;
  choice?: PresetChoice;
  /** The include globs the config file itself wrote (a preset's globs list every folder its format may use). */
  ownIncludes: string[];
}

/** The preset's config object, checked by the same parser as a config file (problems mean a bug in the preset). */
export function presetConfig(choice: PresetChoice, read: (path: string) => string | undefined): LoadedConfig {
  const raw = choice.preset.config(choice.base, read);
  return parseConfig(stringify(raw), defaultConfig());
}

export function buildConfig(plan: ConfigPlan, read: (path: string) => string | undefined): ResolvedConfig {
  const { text, own, choice } = plan;
  const ownIncludes = own?.config.include ?? [];
  if (!choice)
    return own ? { ...own, text, ownIncludes } : { config: defaultConfig(), problems: [], ownIncludes };
  const base = presetConfig(choice, read);
  if (text === undefined)
    return { ...base, config: { ...base.config, preset: choice.preset.name }, choice, ownIncludes };
  // The file's own problems (positions in its text) stand; its values are layered on the preset's config.
  const layered = parseConfig(text, base.config);
  return { config: layered.config, problems: layered.problems, text, choice, ownIncludes };
}
