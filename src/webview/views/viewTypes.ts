// What every view receives and what it hands back to the app shell.
import type { FeatureView, RoadmapModel, StatusCategory, WebviewMessage } from '../../shared/protocol';
import type { UiState } from '../state';

export interface ViewContext {
  /** The host's model with this panel's not-yet-confirmed edits applied. */
  model: RoadmapModel;
  /** The features that pass the filters, in model order. */
  features: FeatureView[];
  state: UiState;
  /** No edits: cards do not drag, bars do not move (a published site). */
  readOnly: boolean;
  /** Today as a day number (from the host, so that every view agrees with it). */
  today: number;
  post(message: WebviewMessage): void;
  /** Persists a UI change (zoom, grouping, sort...) and re-renders unless the view already shows it. */
  update(change: Partial<UiState>, options?: { render?: boolean }): void;
  /**
   * Shows an edit before the host confirms it (the next model replaces it; a failed write drops it), so a
   * drag lands where it was dropped instead of jumping back for a moment.
   */
  applyLocally(file: string, change: Partial<FeatureView>): void;
  statusCategory(feature: FeatureView): StatusCategory;
  /** A done status that means dropped or cancelled, drawn apart from shipped work. */
  isCancelled(feature: FeatureView): boolean;
  /** The feature in the details pane, if any. */
  selected?: string;
  /** Selects a feature (shows it in the details pane). */
  select(file: string | undefined): void;
}

export interface RenderedView {
  /** Carries data-view="<name>". */
  root: HTMLElement;
  /** The element whose scroll position survives re-renders (defaults to root). */
  scroller?: HTMLElement;
  /** Saved scroll positions apply only while this matches (a zoom change makes old offsets meaningless). */
  scrollKey?: string;
  /**
   * Called once the root is in the document (for measuring, scrolling, async work), after the app has put
   * back the saved scroll position (`restoredScroll`) if it had one for this view.
   */
  mounted?(restoredScroll: boolean): void;
  /** The selection changed without a re-render (e.g. the timeline shows the selected feature's arrows). */
  select?(file: string | undefined): void;
  /** Brings a feature into view and returns its element, if this view shows it. */
  reveal?(file: string): HTMLElement | undefined;
  /** A standalone SVG of what the view shows, for export. */
  toSvg?(): SVGSVGElement | Promise<SVGSVGElement>;
  /** Mermaid source for what the view shows, for export. */
  toMermaid?(): string;
  dispose?(): void;
}

export type ViewRenderer = (context: ViewContext) => RenderedView;
