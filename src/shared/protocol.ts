// The typed message protocol between the extension host and the roadmap webview, and the view model the
// host sends. Only type imports (the core's enums), erased from both the Node host bundle and the browser bundle.

// The core's tables define these (type-only: nothing of the core reaches the webview bundle).
import type { Moscow, ScoringModel, StatusCategory } from '../core/types';
export type { Moscow, StatusCategory };

export interface FeatureView {
  /** Workspace-relative path with forward slashes: the key for every write. */
  file: string;
  /** A hash of the file text the view was drawn from; writes are refused when the file changed since. */
  revision: string;
  id: string;
  title: string;
  status: string;
  moscow?: Moscow;
  score?: number;
  /** 1-based rank by score among features that have one. */
  rank?: number;
  reach?: number;
  impact?: number;
  /** Confidence as a percentage (0..100]. */
  confidence?: number;
  effort?: number;
  owner?: string;
  team?: string;
  milestone?: string;
  quarter?: string;
  /** yyyy-mm-dd */
  start?: string;
  /** yyyy-mm-dd */
  end?: string;
  dependsOn: string[];
  goal?: string;
  tags: string[];
  /** From `progress:` in the front-matter, else from the body's task lists; 0..100. */
  progress?: number;
  tasks?: { done: number; total: number };
  problems: { errors: number; warnings: number };
}

export interface StatusView {
  id: string;
  title: string;
  category: StatusCategory;
}

export interface MilestoneView {
  id: string;
  title: string;
  /** yyyy-mm-dd */
  date?: string;
}

export interface GoalView {
  id: string;
  title: string;
}

export interface RoadmapModel {
  features: FeatureView[];
  statuses: StatusView[];
  milestones: MilestoneView[];
  goals: GoalView[];
  scoringModel: ScoringModel;
  /** The Must-effort share above which a milestone is over budget (0.6, the DSDM guideline). */
  mustBudget: number;
  /** yyyy-mm-dd, the host's today, so that the today line and now/next/later agree with the host. */
  today: string;
  /**
   * What the features actually use: views, columns and copy about MoSCoW or scores stay out of the way of a
   * roadmap that has none. Absent from older hosts: everything shows.
   */
  uses?: { moscow: boolean; scoring: boolean };
}

export type ViewName = 'timeline' | 'board' | 'horizons' | 'moscow' | 'priority' | 'dependencies';

export type EditableField = 'status' | 'moscow' | 'milestone' | 'owner' | 'team' | 'goal' | 'quarter';

/** Messages the webview posts to the host. Every one is validated by `isWebviewMessage` before use. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openFeature'; file: string }
  | { type: 'setField'; file: string; revision: string; field: EditableField; value: string }
  | { type: 'setDates'; file: string; revision: string; start: string; end: string }
  | { type: 'export'; format: 'svg' | 'png' | 'mermaid'; view: ViewName; content: string };

/** Messages the host posts to the webview. */
export type HostMessage =
  | { type: 'model'; model: RoadmapModel }
  | { type: 'focus'; id: string }
  | { type: 'showView'; view: ViewName }
  | { type: 'writeResult'; file: string; ok: boolean; message?: string }
  | BaselineMessage;

const editableFields: readonly string[] = [
  'status',
  'moscow',
  'milestone',
  'owner',
  'team',
  'goal',
  'quarter',
];
const viewNames: readonly string[] = ['timeline', 'board', 'horizons', 'moscow', 'priority', 'dependencies'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isShortString(value: unknown, max = 1000): value is string {
  return typeof value === 'string' && value.length <= max;
}

/**
 * The host's gate for untrusted input: a webview can be scripted by whatever content it renders, so nothing
 * it posts is trusted until it has exactly the expected shape.
 */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
      return true;
    case 'openFeature':
      return isShortString(message.file);
    case 'setField':
      return (
        isShortString(message.file) &&
        isShortString(message.revision, 100) &&
        typeof message.field === 'string' &&
        editableFields.includes(message.field) &&
        isShortString(message.value, 200)
      );
    case 'setDates':
      return (
        isShortString(message.file) &&
        isShortString(message.revision, 100) &&
        typeof message.start === 'string' &&
        isoDate.test(message.start) &&
        typeof message.end === 'string' &&
        isoDate.test(message.end)
      );
    case 'export':
      return (
        (message.format === 'svg' || message.format === 'png' || message.format === 'mermaid') &&
        typeof message.view === 'string' &&
        viewNames.includes(message.view) &&
        isShortString(message.content, 50_000_000)
      );
    default:
      return false;
  }
}

/** Baseline mode (Roadmap: Compare with…): what changed since a tag, branch or commit, drawn over every view. */
export type BaselineKind = 'new' | 'moved' | 'reprioritised' | 'changed';

export interface BaselineFeatureView {
  /** The feature's file now: the key the views put on their elements (`data-file`). */
  file: string;
  id: string;
  kinds: BaselineKind[];
  /** The baseline's dates where they differ from today's (yyyy-mm-dd): the timeline draws them as a ghost bar. */
  start?: string;
  end?: string;
  /** How far the end (else the start) moved: positive is later. */
  slipDays?: number;
  /** One line of what changed, for tooltips: "status planned → in-progress; end 2026-03-01 → 2026-03-15". */
  summary: string;
}

export interface BaselineView {
  /** What the roadmap is compared with, as the user chose it (a tag, branch or commit). */
  ref: string;
  features: BaselineFeatureView[];
  /** Features of the baseline that no longer exist. */
  removed: { id: string; title: string }[];
}

/** Host → webview; `null` leaves baseline mode. The webview's baseline module validates it on its own. */
export interface BaselineMessage {
  type: 'baseline';
  baseline: BaselineView | null;
}
