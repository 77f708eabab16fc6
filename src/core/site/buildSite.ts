// `roadmap publish`, the pure part: from one or several indexed repositories to the files of a static site
// (pages, data.js). The Node adapter (src/cli/publish.ts) writes them and copies the browser assets next to them.
import type { FeatureView, GoalView, MilestoneView, StatusCategory } from '../../shared/protocol';
import { escapeHtml } from '../export/html';
import { progressOf } from './health';
import { renderMarkdown, safeHref } from './markdownHtml';
import {
  featureIndex,
  featureMain,
  featureTable,
  page,
  planList,
  planMain,
  summaryStats,
  type PageLinks,
  type PlanItem,
} from './pages';
import { buildPortfolio, type PortfolioFeature, type PortfolioProblem, type SiteSource } from './portfolio';
import { siteDataGlobal, siteSearchGlobal, type SearchEntry, type SiteData } from './siteData';

/** Written into every published site: a folder without it is never emptied, in case the target is the wrong one. */
export const siteMarker = '.roadmap-site';
export const siteMarkerText = 'Published by Markdown Roadmap; the next publish replaces this folder.\n';

/** The browser files a site needs in its assets/ folder, built by esbuild.mjs into dist/site/. */
export const siteAssets = ['site.js', 'site.css', 'mermaid.min.js'] as const;

/** The editor publishes through workspace.fs, with no git: the index says where the page comes from. */
export const noChangesPage = {
  unavailable:
    'A "What changed" page is read from the roadmap\'s git history: publish with `roadmap publish` (in CI, for example) to include it.',
};

export interface SiteInput {
  title: string;
  /** yyyy-mm-dd */
  today: string;
  sources: readonly SiteSource[];
  /** The "What changed" page's content, or why there is none. */
  changes: { main: string } | { unavailable: string };
  /** Receives each file as soon as it is made: written at once, a 10,000-page site is never all in memory. */
  emit(file: SiteFile): void;
}

export interface SiteFile {
  /** Site-relative, forward slashes. */
  path: string;
  content: string;
}

export interface BuiltSite {
  problems: PortfolioProblem[];
  features: number;
}

/** A file name from an id: letters, digits, '.', '_' and '-' only, unique without regard to case. */
function slugger(): (id: string) => string {
  const used = new Set<string>();
  return (id) => {
    const base =
      id
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 80) || 'item';
    let slug = base;
    for (let n = 2; used.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    used.add(slug.toLowerCase());
    return slug;
  };
}

/** `dir/../x.md` resolved inside the repository; undefined when it climbs out of it. */
function joinPath(directory: string, relative: string): string | undefined {
  const parts = relative.startsWith('/') ? [] : directory.split('/').filter(Boolean);
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function repositoryUrl(base: string | undefined, file: string): string | undefined {
  if (!base) return undefined;
  return `${base.endsWith('/') ? base : `${base}/`}${file.split('/').map(encodeURIComponent).join('/')}`;
}

export function buildSite(input: SiteInput): BuiltSite {
  const portfolio = buildPortfolio(input.sources, input.today);
  const { model } = portfolio;
  const statusCategory = new Map(model.statuses.map((status) => [status.id, status.category]));
  const categoryOf = (view: FeatureView): StatusCategory => statusCategory.get(view.status) ?? 'todo';
  const hasChanges = 'main' in input.changes;
  const shell = { siteTitle: input.title, hasChanges };

  const featureSlug = slugger();
  const featurePages = new Map<PortfolioFeature, string>();
  for (const entry of portfolio.features)
    featurePages.set(entry, `features/${featureSlug(entry.view.id)}.html`);
  const planSlug = slugger();
  const milestonePages = new Map(model.milestones.map((m) => [m.id, `milestones/${planSlug(m.id)}.html`]));
  const goalSlug = slugger();
  const goalPages = new Map(model.goals.map((g) => [g.id, `goals/${goalSlug(g.id)}.html`]));
  const links: PageLinks = {
    featurePage: (entry) => featurePages.get(entry)!,
    milestonePage: (id) => milestonePages.get(id),
    goalPage: (id) => goalPages.get(id),
  };
  /** Per source, its files' pages: where a body's relative link to another feature file goes. */
  const pageOfSourceFile = new Map<SiteSource, Map<string, string>>();
  for (const entry of portfolio.features) {
    let map = pageOfSourceFile.get(entry.source);
    if (!map) pageOfSourceFile.set(entry.source, (map = new Map()));
    map.set(entry.feature.file, featurePages.get(entry)!);
  }

  const scoredCount = model.features.filter((view) => view.score !== undefined).length;
  for (const entry of portfolio.features) {
    const { source, feature } = entry;
    const directory = feature.file.split('/').slice(0, -1).join('/');
    const resolveRelative = (url: string): string | undefined => {
      let path: string;
      try {
        path = decodeURI(url.split(/[?#]/)[0]);
      } catch {
        return undefined;
      }
      const target = joinPath(directory, path);
      if (target === undefined || target === '') return undefined;
      const other = pageOfSourceFile.get(source)?.get(target);
      if (other) return other.slice('features/'.length);
      return repositoryUrl(source.fileUrl, target);
    };
    const body = renderMarkdown(entry.body, { resolveRelative, title: feature.title });
    if (body.tasks.total > 0) {
      entry.view.tasks = body.tasks;
      entry.view.progress ??= Math.round((body.tasks.done / body.tasks.total) * 100);
    }
    const evidence = feature.evidence.map((link) => ({
      href: safeHref(link.url, { resolveRelative }),
      label: link.url,
      note: link.note,
    }));
    const main = featureMain({
      entry,
      portfolio,
      links,
      bodyHtml: body.html,
      evidence,
      fileUrl: repositoryUrl(source.fileUrl, feature.file),
      categoryOf,
      scoredCount,
    });
    input.emit({
      path: featurePages.get(entry)!,
      content: page({
        ...shell,
        title: `${entry.view.id} ${entry.view.title}`,
        description: `${entry.view.title}: ${model.statuses.find((s) => s.id === entry.view.status)?.title ?? entry.view.status}${entry.view.milestone ? `, milestone ${entry.view.milestone}` : ''}.`,
        depth: 1,
        section: 'features',
        main,
      }),
    });
  }

  const membersOf = (kind: 'milestone' | 'goal', id: string) =>
    portfolio.features.filter((entry) => entry.view[kind] === id);
  const plan = (kind: 'milestone' | 'goal', item: MilestoneView | GoalView, page: string): PlanItem => {
    const members = membersOf(kind, item.id).map((entry) => entry.view);
    // Only a milestone has a date to be late for and a Must budget to keep.
    const progress =
      kind === 'milestone'
        ? progressOf(members, categoryOf, input.today, item, model.mustBudget)
        : progressOf(members, categoryOf, input.today);
    return { kind, item, page, progress };
  };
  const plans: PlanItem[] = [
    ...model.milestones.map((milestone) => plan('milestone', milestone, milestonePages.get(milestone.id)!)),
    ...model.goals.map((goal) => plan('goal', goal, goalPages.get(goal.id)!)),
  ];
  for (const plan of plans) {
    input.emit({
      path: plan.page,
      content: page({
        ...shell,
        title: plan.item.title,
        description: `${plan.kind === 'milestone' ? 'Milestone' : 'Goal'} ${plan.item.title}: ${plan.progress.percent}% done.`,
        depth: 1,
        main: planMain(plan, membersOf(plan.kind, plan.item.id), portfolio, links),
      }),
    });
  }

  const ranked = [...portfolio.features].sort(
    (a, b) => (a.view.rank ?? Infinity) - (b.view.rank ?? Infinity) || a.view.id.localeCompare(b.view.id),
  );
  input.emit({
    path: 'features.html',
    content: page({
      ...shell,
      title: 'Features',
      description: `All ${ranked.length} features of ${input.title}, by rank.`,
      depth: 0,
      section: 'features',
      main: `<h1>Features</h1>\n${featureTable(ranked, portfolio, links, '', `All ${ranked.length} features, by rank`)}`,
    }),
  });

  const sourceCount = input.sources.length;
  const description = `${input.title}: ${model.features.length} features${sourceCount > 1 ? ` from ${sourceCount} repositories` : ''}, as of ${input.today}.`;
  const changesNote =
    'unavailable' in input.changes
      ? `<section aria-labelledby="changes"><h2 id="changes">What changed</h2><p>${escapeHtml(input.changes.unavailable)}</p></section>`
      : `<p><a href="changes.html">What changed</a></p>`;
  input.emit({
    path: 'index.html',
    content: page({
      ...shell,
      title: input.title,
      description,
      depth: 0,
      section: 'roadmap',
      inlineStyles: true,
      main: `<h1>${escapeHtml(input.title)}</h1>
<p class="muted">${escapeHtml(description)}</p>
${summaryStats(portfolio, categoryOf)}
<section aria-label="Roadmap views" class="views-section">
<div id="root" class="root"><p class="loading">Loading the roadmap views…</p></div>
<noscript><p>The roadmap views need JavaScript. The <a href="features.html">feature list</a> and every feature page work without it.</p></noscript>
</section>
${planList(
  plans.filter((plan) => plan.kind === 'milestone'),
  'Milestones',
  'milestones',
)}
${planList(
  plans.filter((plan) => plan.kind === 'goal'),
  'Goals',
  'goals',
)}
${featureIndex(ranked, links)}
${changesNote}`,
    }),
  });
  if ('main' in input.changes)
    input.emit({
      path: 'changes.html',
      content: page({
        ...shell,
        title: 'What changed',
        description: `What changed in ${input.title}.`,
        depth: 0,
        section: 'changes',
        main: input.changes.main,
      }),
    });

  const search: SearchEntry[] = [
    ...portfolio.features.map((entry) => ({
      kind: 'feature' as const,
      id: entry.view.id,
      title: entry.view.title,
      tags: entry.view.tags,
      page: featurePages.get(entry)!,
    })),
    ...plans.map((plan) => ({
      kind: plan.kind,
      id: plan.item.id,
      title: plan.item.title,
      tags: [],
      page: plan.page,
    })),
  ];
  const data: SiteData = {
    title: input.title,
    model,
    pages: Object.fromEntries(portfolio.features.map((entry) => [entry.view.file, featurePages.get(entry)!])),
  };
  input.emit({ path: 'data.js', content: `window.${siteDataGlobal} = ${JSON.stringify(data)};\n` });
  input.emit({ path: 'search.js', content: `window.${siteSearchGlobal} = ${JSON.stringify(search)};\n` });
  return { problems: portfolio.problems, features: portfolio.features.length };
}
