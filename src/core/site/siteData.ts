// What a published site's `data.js` hands its index: the panel's own model (so the site's views are the panel's
// views) plus where each feature's page is; and what `search.js` gives every page's search box. Types only: the Node side writes
// it (buildSite.ts), the browser side reads it (src/site/).
import type { RoadmapModel } from '../../shared/protocol';

/** The global `data.js` assigns: a script file, not a fetch(), because pages opened from disk cannot fetch. */
export const siteDataGlobal = 'roadmapSite';
/** The global `search.js` assigns: every page loads it, while only the index loads the (larger) model. */
export const siteSearchGlobal = 'roadmapSearch';

export interface SearchEntry {
  kind: 'feature' | 'milestone' | 'goal';
  id: string;
  title: string;
  tags: string[];
  /** Site-relative page path, e.g. features/F-001.html. */
  page: string;
}

export interface SiteData {
  title: string;
  model: RoadmapModel;
  /** FeatureView.file -> site-relative page path: where clicking a card in a view goes. */
  pages: Record<string, string>;
}
