// `roadmap init [ROOT] [--force]`: write a commented `.roadmap/config.yaml` for the Markdown under ROOT. A
// known format gets a config naming its preset; anything else gets one inferred from the files.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configPath, defaultConfig } from '../core/config';
import { initialConfigText } from '../core/init/initialConfig';
import { listCandidates, readHead, surveyFolder, type SkippedFile } from './nodeWorkspace';

export interface InitIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Reads every Markdown file under `root` (its head: front-matter is at the top). */
export function readMarkdownUnder(root: string): { path: string; text: string }[] {
  const skipped: SkippedFile[] = [];
  const everything = { ...defaultConfig(), include: ['**/*.md', '**/*.markdown'] };
  const files: { path: string; text: string }[] = [];
  for (const path of listCandidates(root, everything, skipped)) {
    try {
      files.push({ path, text: readHead(join(root, path)) });
    } catch {
      // Unreadable: it cannot be a feature either.
    }
  }
  return files;
}

export function initConfig(root: string, options: { force: boolean; io: InitIo }): number {
  const target = join(root, configPath);
  if (existsSync(target) && !options.force) {
    options.io.stderr(`roadmap: ${configPath} already exists; pass --force to overwrite it.\n`);
    return 2;
  }
  const initial = initialConfigText(readMarkdownUnder(root), surveyFolder(root).signatureFiles);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, initial.text);
  options.io.stdout(`wrote ${configPath}: ${initial.summary}\nNext: roadmap lint\n`);
  return 0;
}
