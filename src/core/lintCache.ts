// The lint cache (`roadmap lint --cache`): each Markdown file's size and modification time with what parsing
// it produced, and the last run's output. A run whose files all match reprints that output without reading a
// single file; a run where some changed re-parses only those and reruns the cross-file rules over the rest.
// The same records are what an editor's persisted index keeps (a stamp and a parse per file), so the format
// lives here, free of any file system: the host reads and writes the text.
//
// A cache has three sections, which the host stores so that each can be read alone: the header (format, key,
// stamps, and what the output was for), the output text as printed, and the records. An unchanged run reads
// the header and the output and never parses a record.
import type { FeatureFile } from './featureFile';

/** Bump when the layout or the meaning of a record changes: older caches are then ignored. */
export const lintCacheFormat = 2;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** A feature file's parse as stored: everything but the lazily built locator, which is rebuilt on demand. */
type StoredParse = Omit<FeatureFile, 'file' | 'locator'>;

interface Header {
  format: number;
  /** Identifies the engine (version and build), the config and the root: any change invalidates the cache. */
  key: string;
  /** Every candidate file's [size, mtimeMs]. */
  stamps: Record<string, [number, number]>;
  /** The format and exit code of the output section (null when there is none). */
  output: { format: string; exitCode: number } | null;
}

export interface CachedOutput {
  /** The output format it was produced for (`json`, `text`, `sarif`). */
  format: string;
  text: string;
  exitCode: number;
}

/** The sections of a cache, each read on demand by the host. */
export interface LintCacheSections {
  header: string;
  output: () => string;
  records: () => string;
}

export class LintCache {
  private records: Record<string, StoredParse | null> | undefined;

  private constructor(
    private readonly header: Header | undefined,
    private readonly sections: LintCacheSections | undefined,
  ) {}

  /** The cache in these sections when it was written for `key`; an empty cache when missing, stale or damaged. */
  static parse(sections: LintCacheSections | undefined, key: string): LintCache {
    if (!sections) return new LintCache(undefined, undefined);
    try {
      const header = JSON.parse(sections.header) as Header;
      if (header.format !== lintCacheFormat || header.key !== key) return new LintCache(undefined, undefined);
      return new LintCache(header, sections);
    } catch {
      return new LintCache(undefined, undefined);
    }
  }

  /** Whether the files are exactly the cached ones with the same stamps. */
  matches(stamps: ReadonlyMap<string, FileStamp>): boolean {
    if (!this.header) return false;
    const cached = this.header.stamps;
    let count = 0;
    for (const [file, stamp] of stamps) {
      const entry = Object.hasOwn(cached, file) ? cached[file] : undefined;
      if (!entry || entry[0] !== stamp.size || entry[1] !== stamp.mtimeMs) return false;
      count++;
    }
    return count === Object.keys(cached).length;
  }

  /** The last run's output for this format, valid only when `matches` holds. */
  outputFor(format: string): CachedOutput | undefined {
    const output = this.outputOf(format);
    if (!output || !this.sections) return undefined;
    try {
      return { ...output, text: this.sections.output() };
    } catch {
      return undefined;
    }
  }

  /**
   * What the last run's output section holds (its format and exit code) when it is for this format, without
   * reading it: a host that prints bytes reads the section itself, and never decodes it.
   */
  outputOf(format: string): Omit<CachedOutput, 'text'> | undefined {
    const output = this.header?.output;
    return output && output.format === format
      ? { format: output.format, exitCode: output.exitCode }
      : undefined;
  }

  /**
   * The cached parse of a file whose stamp is unchanged: a FeatureFile, null for a Markdown file that is not a
   * feature, undefined when it must be read again.
   */
  lookup(file: string, stamp: FileStamp): FeatureFile | null | undefined {
    const entry =
      this.header && Object.hasOwn(this.header.stamps, file) ? this.header.stamps[file] : undefined;
    if (!entry || entry[0] !== stamp.size || entry[1] !== stamp.mtimeMs) return undefined;
    if (this.records === undefined) {
      try {
        this.records = JSON.parse(this.sections?.records() ?? '{}') as Record<string, StoredParse | null>;
      } catch {
        this.records = {};
      }
    }
    if (!Object.hasOwn(this.records, file)) return undefined;
    const record = this.records[file];
    return record ? { file, ...record } : null;
  }

  /**
   * Every cached file with its stamp and parse, before any file is looked at (the editor shows these at once
   * and revalidates them afterwards); undefined when the cache is empty, stale or its records are damaged.
   */
  entries(): { file: string; stamp: FileStamp; parsed: FeatureFile | null }[] | undefined {
    if (!this.header) return undefined;
    try {
      this.records ??= JSON.parse(this.sections?.records() ?? '{}') as Record<string, StoredParse | null>;
    } catch {
      return undefined;
    }
    const records = this.records;
    return Object.entries(this.header.stamps).flatMap(([file, [size, mtimeMs]]) => {
      if (!Object.hasOwn(records, file)) return [];
      const record = records[file];
      return [{ file, stamp: { size, mtimeMs }, parsed: record ? { file, ...record } : null }];
    });
  }

  /** The sections of the cache for a run: the stamps of every file read, its parses, and its output. */
  static serialize(
    key: string,
    stamps: ReadonlyMap<string, FileStamp>,
    parses: ReadonlyMap<string, FeatureFile | null>,
    output: CachedOutput | undefined,
  ): { header: string; output: string; records: string } {
    const sections = LintCache.sectionsOf(key, stamps, parses, output);
    const records: string[] = [];
    sections.writeRecords((piece) => records.push(piece));
    return { header: sections.header, output: sections.output, records: records.join('') };
  }

  /**
   * `serialize`, with the records section (tens of megabytes at 10,000 files) given to `write` in pieces, or
   * produced piece by piece by `recordPieces`, so that a host can write it out without holding it whole, and an
   * editor can let other work run between pieces.
   */
  static sectionsOf(
    key: string,
    stamps: ReadonlyMap<string, FileStamp>,
    parses: ReadonlyMap<string, FeatureFile | null>,
    output: CachedOutput | undefined,
  ): {
    header: string;
    output: string;
    writeRecords(write: (piece: string) => void): void;
    recordPieces(): Generator<string>;
  } {
    const header: Header = {
      format: lintCacheFormat,
      key,
      stamps: {},
      output: output ? { format: output.format, exitCode: output.exitCode } : null,
    };
    // A file that was not read (skipped) has no parse to reuse.
    for (const [file, stamp] of stamps)
      if (parses.get(file) !== undefined) header.stamps[file] = [stamp.size, stamp.mtimeMs];
    function* recordPieces(): Generator<string> {
      // The text of JSON.stringify(records), record by record.
      let piece = '{';
      let first = true;
      for (const file of Object.keys(header.stamps)) {
        const parsed = parses.get(file);
        const record: StoredParse | null = parsed
          ? {
              isFeature: parsed.isFeature,
              feature: parsed.feature,
              issues: parsed.issues,
              split: parsed.split,
              yamlText: parsed.yamlText,
              keys: parsed.keys,
              // A milestone or goal file's declaration: a cached run must know what it declares.
              ...(parsed.declares ? { declares: parsed.declares } : {}),
            }
          : null;
        piece += `${first ? '' : ','}${JSON.stringify(file)}:${JSON.stringify(record)}`;
        first = false;
        if (piece.length >= 1 << 16) {
          yield piece;
          piece = '';
        }
      }
      yield `${piece}}`;
    }
    const writeRecords = (write: (piece: string) => void) => {
      for (const piece of recordPieces()) write(piece);
    };
    return { header: JSON.stringify(header), output: output?.text ?? '', writeRecords, recordPieces };
  }
}
