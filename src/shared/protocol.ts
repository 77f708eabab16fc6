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
  /** Feature files whose front-matter does not parse: not drawn, but counted and one click from their error. */
  needsRepair?: { file: string; message: string }[];
  /** Team → period (yyyy-Qn or a milestone id) → capacity in RICE effort, from the config. */
  capacity?: Record<string, Record<string, number>>;
}

export type ViewName = 'timeline' | 'board' | 'horizons' | 'moscow' | 'priority' | 'dependencies';

export type EditableField =
  | 'status'
  | 'moscow'
  | 'milestone'
  | 'owner'
  | 'team'
  | 'goal'
  | 'quarter'
  | 'start'
  | 'end'
  | 'reach'
  | 'impact'
  | 'confidence'
  | 'effort';

/** One field edit as the panel states it: the value as typed ('' removes the field). */
export interface FieldEdit {
  field: EditableField;
  value: string;
}

/** A block of a feature's Markdown body, reduced to what the details pane draws (text only, no markup). */
export type BodyBlock =
  | { kind: 'heading'; depth: number; text: BodyInline[] }
  | { kind: 'paragraph'; text: BodyInline[] }
  | { kind: 'list'; ordered: boolean; items: { checked?: boolean; text: BodyInline[] }[] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; text: BodyInline[] }
  | { kind: 'rule' };

export interface BodyInline {
  text: string;
  style?: 'strong' | 'emphasis' | 'code';
  /** Only http(s) and mailto links; the pane shows them and opens them through the host. */
  href?: string;
}

/** What the details pane shows beyond the FeatureView: sent on request, for the selected feature only. */
export interface FeatureDetails {
  file: string;
  body: BodyBlock[];
  evidence: { url: string; note?: string }[];
  /** The formula with the feature's numbers, "1200 × 2 × 80% ÷ 3 = 640", when the score can be computed. */
  scoreExplanation?: string;
  /** The configured model's formula in words. */
  formula: string;
}

/** The Export Roadmap command's formats, offered by the panel's Export menu too. */
export const roadmapExportFormats = [
  'mermaid-gantt',
  'mermaid-timeline',
  'markdown',
  'csv',
  'json',
  'html',
] as const;
export type RoadmapExportFormat = (typeof roadmapExportFormats)[number];

/** A named combination of view, filters and zoom, shared through .roadmap/views.yaml. */
export interface SavedView {
  name: string;
  view: ViewName;
  /** Filter key -> accepted values (any of them); text is the free-text search. */
  filters: Record<string, string[]>;
  text?: string;
  zoom?: 'month' | 'quarter' | 'year';
}

/** Messages the webview posts to the host. Every one is validated by `isWebviewMessage` before use. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'openFeature'; file: string }
  | { type: 'setField'; file: string; revision: string; field: EditableField; value: string }
  | { type: 'setDates'; file: string; revision: string; start: string; end: string }
  /** Several fields at once (a drag that sets dates and quarter, an undo); `edit` names it in the reply. */
  | { type: 'setFields'; file: string; revision: string; edits: FieldEdit[]; edit: number }
  | { type: 'details'; file: string }
  /** The panel's UI state, kept by the host so that a closed and reopened panel comes back as it was. */
  | { type: 'saveState'; state: unknown }
  | { type: 'saveView'; view: SavedView }
  | { type: 'openLink'; url: string }
  /** The whole roadmap in one of the Export command's formats (the host runs that command). */
  | { type: 'exportRoadmap'; format: RoadmapExportFormat }
  | { type: 'export'; format: 'svg' | 'png' | 'mermaid'; view: ViewName; content: string };

/** Messages the host posts to the webview. */
export type HostMessage =
  /** `part` when the model is sent in parts: it holds the first features, 'modelFeatures' bring the rest. */
  | { type: 'model'; model: RoadmapModel; part?: ModelPart }
  | { type: 'modelFeatures'; features: FeatureView[]; part: ModelPart }
  | { type: 'focus'; id: string }
  | { type: 'showView'; view: ViewName }
  | { type: 'writeResult'; file: string; ok: boolean; message?: string; edit?: number }
  | { type: 'details'; details: FeatureDetails }
  /**
   * Sent before the first model to a panel that has no state of its own (it was closed and reopened); while
   * the page loads and again after its 'ready', of which the page applies the first.
   */
  | { type: 'restoreState'; state: unknown }
  | { type: 'savedViews'; views: SavedView[] }
  | { type: 'applyView'; name: string }
  /** Body insights, counted after the model so they never hold up its first render; files without tasks omitted. */
  | { type: 'insights'; tasks: TaskInsight[] }
  | BaselineMessage;

/**
 * A model too large for one message (modelParts in modelWire.ts) comes in parts, so that the panel draws its
 * first screen before the whole model has been copied and decoded.
 */
export interface ModelPart {
  /**
   * The model the part belongs to: each model the host sends has a new one. A new page's first model is
   * posted while the page loads and again after its 'ready', under the same serial; the page draws it once.
   */
  serial: number;
  /** The part holds the model's features at indexes residue, residue + stride, residue + 2 × stride… */
  stride: number;
  residue: number;
  /** Features of the model still to come after this message's. */
  pending: number;
}

/** How the host puts a 'model' message on the wire: the model encoded by encodeModel (modelWire.ts). */
export interface EncodedModelMessage {
  type: 'encodedModel';
  json: Uint8Array;
  part?: ModelPart;
}

/** How the host puts a 'modelFeatures' message on the wire: the features encoded by encodeFeatures. */
export interface EncodedFeaturesMessage {
  type: 'encodedFeatures';
  json: Uint8Array;
  part: ModelPart;
}

/** A feature file's task-list progress from its body (`- [x]` items), keyed like FeatureView.file. */
export interface TaskInsight {
  file: string;
  done: number;
  total: number;
}

const editableFields: readonly string[] = [
  'status',
  'moscow',
  'milestone',
  'owner',
  'team',
  'goal',
  'quarter',
  'start',
  'end',
  'reach',
  'impact',
  'confidence',
  'effort',
];
const viewNames: readonly string[] = ['timeline', 'board', 'horizons', 'moscow', 'priority', 'dependencies'];
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isShortString(value: unknown, max = 1000): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isFieldEdit(value: unknown): value is FieldEdit {
  if (typeof value !== 'object' || value === null) return false;
  const edit = value as Record<string, unknown>;
  return (
    typeof edit.field === 'string' && editableFields.includes(edit.field) && isShortString(edit.value, 200)
  );
}

function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return Infinity;
  }
}

/** Shape check for a saved view, shared by the host gate and the webview's gate. */
export function isSavedView(value: unknown): value is SavedView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Record<string, unknown>;
  if (!isShortString(view.name, 100) || view.name.trim() === '') return false;
  if (typeof view.view !== 'string' || !viewNames.includes(view.view)) return false;
  if (view.text !== undefined && !isShortString(view.text, 200)) return false;
  if (view.zoom !== undefined && view.zoom !== 'month' && view.zoom !== 'quarter' && view.zoom !== 'year')
    return false;
  if (typeof view.filters !== 'object' || view.filters === null || Array.isArray(view.filters)) return false;
  return Object.values(view.filters).every(
    (values) => Array.isArray(values) && values.length <= 100 && values.every((v) => isShortString(v, 200)),
  );
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
    case 'setFields':
      return (
        isShortString(message.file) &&
        isShortString(message.revision, 100) &&
        typeof message.edit === 'number' &&
        Number.isSafeInteger(message.edit) &&
        Array.isArray(message.edits) &&
        message.edits.length > 0 &&
        message.edits.length <= 20 &&
        message.edits.every(isFieldEdit)
      );
    case 'details':
      return isShortString(message.file);
    case 'saveState':
      // Bounded: the state is stored in the workspace's memento.
      return (
        typeof message.state === 'object' && message.state !== null && jsonLength(message.state) <= 20_000
      );
    case 'saveView':
      return isSavedView(message.view);
    case 'openLink':
      return isShortString(message.url, 2000) && /^(https?:|mailto:)/i.test(message.url);
    case 'exportRoadmap':
      return (roadmapExportFormats as readonly unknown[]).includes(message.format);
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
