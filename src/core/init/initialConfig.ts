// The text `roadmap init` and "Roadmap: Initialize Configuration" write: a config naming the preset of a
// known format, or one inferred from the files.
import { isZeroConfigCandidate } from '../discovery';
import { detectPreset, looksLikeOwnFeature } from '../presets/presets';
import { inferConfig, type ScannedFile } from './inferConfig';

export interface InitialConfig {
  text: string;
  /** One line for the user: what the config covers. */
  summary: string;
}

export function initialConfigText(
  markdown: readonly ScannedFile[],
  signatureFiles: readonly string[],
): InitialConfig {
  // Our own format in use (front-matter Markdown under roadmap/ or features/) stays ours.
  const ownFormatInUse = markdown.some(
    (file) => isZeroConfigCandidate(file.path) && looksLikeOwnFeature(file.text),
  );
  const choice = ownFormatInUse ? undefined : detectPreset(signatureFiles);
  if (choice) {
    const { preset } = choice;
    return {
      text: [
        `# Markdown Roadmap configuration, written by \`roadmap init\`: these files are ${preset.title}.`,
        `# The preset describes the format (where items live, statuses, fields, ids); anything set below is`,
        `# layered on top of it, key by key. Reference: https://github.com/markdown-roadmap/markdown-roadmap#presets`,
        `preset: ${preset.name}`,
        '',
        '# For example, to make a rule stricter or quieter:',
        '# rules:',
        '#   unknown-field: warning',
        '',
      ].join('\n'),
      summary: `${preset.title} recognised; the config names preset '${preset.name}'.`,
    };
  }
  const inferred = inferConfig(markdown);
  return {
    text: inferred.text,
    summary:
      inferred.items > 0
        ? `${inferred.items} items found in ${inferred.scanned} Markdown files; review the guesses.`
        : `no Markdown file with front-matter among the ${inferred.scanned} scanned; list your features under include:.`,
  };
}
