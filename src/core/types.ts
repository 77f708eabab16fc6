// Plain data shared by every part of the core, the CLI and the adapters. No behaviour lives here.
import type { scoringModels, statusCategories } from './config';
import type { moscowValues, RuleCode } from './schema';

/** A zero-based position, as in LSP and VS Code. `character` counts UTF-16 code units. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of UTF-16 offsets into a file's full text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A text replacement over the file's full text (offsets are UTF-16 code units). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Structured data carried by an issue so that quick fixes need not re-parse its message. */
export interface IssueData {
  /** The front-matter path of the offending key or value, such as ['rice', 'impact'] or ['depends_on', 2]. */
  path?: (string | number)[];
  /** Ranked replacement suggestions (did-you-mean, snapped tier, normalised value). */
  suggestions?: string[];
  /** The value a fix would write, when there is exactly one obvious one. */
  replacement?: string | number;
  /** The field a missing-field fix would insert. */
  field?: string;
  /** Other feature files involved (duplicate-id copies, cycle members). */
  related?: { file: string; span: Span; message: string }[];
}

export interface Issue {
  /** A stable rule code, such as `rice-impact-scale`; documented in the README. */
  code: RuleCode;
  severity: Severity;
  message: string;
  /** Where in the file's full text. */
  span: Span;
  data?: IssueData;
}

// Derived from the tables that define them (the schema and the config), never copied by hand.
export type { RuleCode } from './schema';
export type Moscow = (typeof moscowValues)[number];
export type StatusCategory = (typeof statusCategories)[number];
export type ScoringModel = (typeof scoringModels)[number];

export interface EvidenceLink {
  url: string;
  note?: string;
}

/** The validated, normalised planning data of one feature file. Fields that failed validation are absent. */
export interface Feature {
  /** Workspace-relative path with forward slashes (the index's key). */
  file: string;
  id?: string;
  title?: string;
  status?: string;
  moscow?: Moscow;
  rice?: { reach?: number; impact?: number; confidence?: number; effort?: number };
  ice?: { impact?: number; confidence?: number; ease?: number };
  wsjf?: { business_value?: number; time_criticality?: number; risk_reduction?: number; job_size?: number };
  /** The score written in the file, if any. */
  storedScore?: number;
  /** The score computed with the configured model, when its inputs are complete and valid. */
  score?: number;
  /** The person accountable: the first one listed when the file names several. */
  owner?: string;
  /** Everyone listed, when the file names more than one person. */
  owners?: string[];
  team?: string;
  milestone?: string;
  quarter?: string;
  start?: string;
  end?: string;
  dependsOn: string[];
  goal?: string;
  tags: string[];
  evidence: EvidenceLink[];
  /** 0..100, from the front-matter `progress` field. */
  progress?: number;
  /** Custom fields declared in the config, as written. */
  custom: Record<string, unknown>;
  /**
   * Set when a value named by the config's `skip` (a `status: Moved` stub) takes the file out of checks and
   * views; it stays known as a dependency target.
   */
  skipped?: true;
}
