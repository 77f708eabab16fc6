// The static pages of a published site, as strings. Every piece of file content goes through `escapeHtml` (or
// the Markdown renderer, which escapes too); class names come from fixed sets. Pages run no inline script and
// load only files of the site, which their Content-Security-Policy enforces.
import { moscowLabels } from '../roadmapModel';
import { explainScore, formatScore, scoringFormulas } from '../scoring';
import type { FeatureView, GoalView, MilestoneView, StatusCategory } from '../../shared/protocol';
import { escapeHtml } from '../export/html';
import { printableSchedule, writtenDates } from '../export/exportInput';
import { healthTitles, type Progress } from './health';
import type { Portfolio, PortfolioFeature } from './portfolio';

/**
 * The pages' policy: scripts and styles only from the site's own files. The index also allows inline styles,
 * because Mermaid (the dependency view) writes a <style> element and style attributes into its SVG; it runs with
 * securityLevel 'strict', and styles cannot run script. Other pages have no inline style at all.
 */
export function siteCsp(inlineStyles: boolean): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export type Section = 'roadmap' | 'features' | 'changes';

export interface PageShell {
  siteTitle: string;
  title: string;
  description: string;
  /** How many folders below the site root the page is (0 or 1): the prefix of every site link. */
  depth: 0 | 1;
  section?: Section;
  hasChanges: boolean;
  inlineStyles?: boolean;
  main: string;
}

export function page(shell: PageShell): string {
  const up = shell.depth === 1 ? '../' : '';
  const navItem = (section: Section, href: string, label: string) =>
    `<li><a href="${up}${href}"${shell.section === section ? ' aria-current="page"' : ''}>${label}</a></li>`;
  const title = shell.title === shell.siteTitle ? shell.title : `${shell.title} · ${shell.siteTitle}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${siteCsp(shell.inlineStyles === true)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Markdown Roadmap">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(shell.description)}">
<meta property="og:type" content="website">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(shell.description)}">
<link rel="stylesheet" href="${up}assets/site.css">
<script src="${up}search.js" defer></script>
${shell.section === 'roadmap' ? `<script src="${up}data.js" defer></script>\n` : ''}<script src="${up}assets/site.js" defer></script>
</head>
<body data-site-root="${up}">
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<a class="site-title" href="${up}index.html">${escapeHtml(shell.siteTitle)}</a>
<nav aria-label="Site"><ul>
${navItem('roadmap', 'index.html', 'Roadmap')}
${navItem('features', 'features.html', 'Features')}
${shell.hasChanges ? navItem('changes', 'changes.html', 'What changed') : ''}
</ul></nav>
<div class="site-search" role="search">
<label for="site-search-input">Search</label>
<input id="site-search-input" type="search" placeholder="Ids, titles, tags" autocomplete="off" aria-controls="site-search-results" aria-describedby="site-search-status" disabled>
<p id="site-search-status" class="visually-hidden" aria-live="polite"></p>
<ul id="site-search-results" class="search-results" hidden></ul>
</div>
</header>
<main id="content" tabindex="-1">
${shell.main}
</main>
<footer class="site-footer">Published with Markdown Roadmap from the repository's feature files. Edit the files, not this site.</footer>
</body>
</html>
`;
}

// ---- pieces -------------------------------------------------------------------------------------------------

export interface PageLinks {
  featurePage(entry: PortfolioFeature): string;
  milestonePage(id: string): string | undefined;
  goalPage(id: string): string | undefined;
}

const categoryTitles: Record<StatusCategory, string> = { todo: 'To do', doing: 'In progress', done: 'Done' };

function progressBar(progress: Progress, label: string): string {
  return `<p class="progress-line"><progress max="100" value="${progress.percent}" aria-label="${escapeHtml(label)}">${progress.percent}%</progress> ${progress.percent}% done · ${progress.done} of ${progress.total} features done, ${progress.doing} in progress</p>`;
}

export function healthBadge(progress: Progress): string {
  return `<span class="health health-${progress.health}">${healthTitles[progress.health]}</span>`;
}

function featureLink(entry: PortfolioFeature, links: PageLinks, up: string): string {
  return `<a href="${up}${escapeHtml(links.featurePage(entry))}"><span class="feature-id">${escapeHtml(entry.view.id)}</span> ${escapeHtml(entry.view.title)}</a>`;
}

/** A table of features: the list page, and the features of a milestone or a goal. */
export function featureTable(
  entries: readonly PortfolioFeature[],
  portfolio: Portfolio,
  links: PageLinks,
  up: string,
  caption: string,
): string {
  if (entries.length === 0) return '<p class="empty">No features.</p>';
  const statusTitle = new Map(portfolio.model.statuses.map((status) => [status.id, status.title]));
  const rows = entries.map((entry) => {
    const view = entry.view;
    return `<tr><td>${featureLink(entry, links, up)}</td><td>${escapeHtml(statusTitle.get(view.status) ?? view.status)}</td><td>${view.moscow ? moscowLabels[view.moscow] : ''}</td><td class="number">${view.score === undefined ? '' : escapeHtml(formatScore(view.score))}</td><td class="number">${view.rank ?? ''}</td><td>${escapeHtml(writtenDates(entry.feature))}</td><td>${escapeHtml(view.owner ?? '')}</td></tr>`;
  });
  return `<div class="table-scroll"><table><caption>${escapeHtml(caption)}</caption>
<thead><tr><th scope="col">Feature</th><th scope="col">Status</th><th scope="col">MoSCoW</th><th scope="col" class="number">Score</th><th scope="col" class="number">Rank</th><th scope="col">Dates</th><th scope="col">Owner</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/** Up to this many features are linked from the index itself; beyond, the index links the feature list. */
const indexedFeatureLinks = 1000;

/** Every feature as a plain link, for readers without script and for crawlers; the views do the rest. */
export function featureIndex(ranked: readonly PortfolioFeature[], links: PageLinks): string {
  if (ranked.length > indexedFeatureLinks)
    return `<p><a href="features.html">All ${ranked.length} features</a>, by rank.</p>`;
  const items = ranked.map((entry) => `<li>${featureLink(entry, links, '')}</li>`);
  return `<section aria-labelledby="all-features"><h2 id="all-features">All features</h2><details><summary>${ranked.length} features, by rank</summary><ul class="feature-index">${items.join('')}</ul></details></section>`;
}

export interface PlanItem {
  kind: 'milestone' | 'goal';
  item: MilestoneView | GoalView;
  page: string;
  progress: Progress;
}

export function planList(items: readonly PlanItem[], heading: string, id: string): string {
  if (items.length === 0) return '';
  const rows = items.map(({ item, page: href, progress }) => {
    const date = 'date' in item && item.date ? ` <span class="muted">${escapeHtml(item.date)}</span>` : '';
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(item.title)}</a>${date} ${healthBadge(progress)}${progressBar(progress, `${item.title}: progress`)}</li>`;
  });
  return `<section aria-labelledby="${id}"><h2 id="${id}">${heading}</h2><ul class="plan-list">${rows.join('\n')}</ul></section>`;
}

export function summaryStats(
  portfolio: Portfolio,
  categoryOf: (view: FeatureView) => StatusCategory,
): string {
  const counts: Record<StatusCategory, number> = { todo: 0, doing: 0, done: 0 };
  for (const view of portfolio.model.features) counts[categoryOf(view)]++;
  const must = portfolio.model.features.filter((view) => view.moscow === 'must').length;
  const stat = (value: number, label: string) => `<li><b>${value}</b> ${label}</li>`;
  return `<ul class="stats">${[
    stat(portfolio.model.features.length, 'features'),
    ...(['done', 'doing', 'todo'] as const).map((category) =>
      stat(counts[category], categoryTitles[category].toLowerCase()),
    ),
    stat(must, 'must-haves'),
  ].join('')}</ul>`;
}

// ---- the feature page ---------------------------------------------------------------------------------------

function row(label: string, value: string): string {
  return value === '' ? '' : `<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

function customValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface FeaturePageInput {
  entry: PortfolioFeature;
  portfolio: Portfolio;
  links: PageLinks;
  bodyHtml: string;
  /** Sanitised evidence links: href (or undefined when not linkable) and label. */
  evidence: { href?: string; label: string; note?: string }[];
  /** The file in its repository, when the source has a base URL. */
  fileUrl?: string;
  categoryOf: (view: FeatureView) => StatusCategory;
  scoredCount: number;
}

export function featureMain(input: FeaturePageInput): string {
  const { entry, portfolio, links } = input;
  const { view, feature } = entry;
  const up = '../';
  const config = entry.source.index.config;
  const status = portfolio.model.statuses.find((candidate) => candidate.id === view.status);
  const milestone = view.milestone
    ? portfolio.model.milestones.find((m) => m.id === view.milestone)
    : undefined;
  const goal = view.goal ? portfolio.model.goals.find((g) => g.id === view.goal) : undefined;
  const milestonePage = view.milestone ? links.milestonePage(view.milestone) : undefined;
  const goalPage = view.goal ? links.goalPage(view.goal) : undefined;
  const schedule = printableSchedule(feature, config);
  const scoreExplained = explainScore(feature, config.scoring.model);
  const dates = writtenDates(feature);
  const fields = [
    row(
      'Status',
      status
        ? `${escapeHtml(status.title)} <span class="muted">(${categoryTitles[status.category].toLowerCase()})</span>`
        : escapeHtml(view.status || 'none'),
    ),
    row('MoSCoW', view.moscow ? moscowLabels[view.moscow] : ''),
    row(
      'Score',
      view.score === undefined
        ? ''
        : `${escapeHtml(formatScore(view.score))} <span class="muted">(${config.scoring.model.toUpperCase()}${scoreExplained ? `: ${escapeHtml(scoreExplained)}` : `: ${escapeHtml(scoringFormulas[config.scoring.model])}`})</span>`,
    ),
    row('Rank', view.rank === undefined ? '' : `#${view.rank} of ${input.scoredCount} scored features`),
    row('Owner', escapeHtml(view.owner ?? '')),
    row('Team', escapeHtml(view.team ?? '')),
    row(
      'Milestone',
      view.milestone === undefined
        ? ''
        : milestonePage
          ? `<a href="${up}${escapeHtml(milestonePage)}">${escapeHtml(milestone?.title ?? view.milestone)}</a>${milestone?.date ? ` <span class="muted">${escapeHtml(milestone.date)}</span>` : ''}`
          : escapeHtml(view.milestone),
    ),
    row(
      'Goal',
      view.goal === undefined
        ? ''
        : goalPage
          ? `<a href="${up}${escapeHtml(goalPage)}">${escapeHtml(goal?.title ?? view.goal)}</a>`
          : escapeHtml(view.goal),
    ),
    row('Quarter', escapeHtml(view.quarter ?? '')),
    row('Dates', escapeHtml(dates)),
    row(
      'Scheduled',
      schedule && schedule.source !== 'dates'
        ? `${escapeHtml(schedule.start)} → ${escapeHtml(schedule.end)} <span class="muted">(from its ${schedule.source})</span>`
        : '',
    ),
    row(
      'Progress',
      view.progress === undefined
        ? ''
        : `<progress max="100" value="${view.progress}" aria-label="Progress">${view.progress}%</progress> ${view.progress}%${view.tasks ? ` · ${view.tasks.done} of ${view.tasks.total} tasks` : ''}`,
    ),
    row(
      'Tags',
      view.tags
        .map(
          (tag) =>
            `<a class="tag" href="${up}index.html#tag=${encodeURIComponent(tag)}">${escapeHtml(tag)}</a>`,
        )
        .join(' '),
    ),
    ...Object.entries(feature.custom).map(([name, value]) =>
      row(escapeHtml(name), escapeHtml(customValue(value))),
    ),
    row(
      'File',
      input.fileUrl
        ? `<a href="${escapeHtml(input.fileUrl)}" rel="noopener noreferrer">${escapeHtml(feature.file)}</a>${portfolio.multiSource ? ` <span class="muted">in ${escapeHtml(entry.source.name)}</span>` : ''}`
        : `<code>${escapeHtml(feature.file)}</code>${portfolio.multiSource ? ` <span class="muted">in ${escapeHtml(entry.source.name)}</span>` : ''}`,
    ),
  ].join('\n');

  const dependencyList = (items: readonly PortfolioFeature[], missing: readonly string[], none: string) =>
    items.length + missing.length === 0
      ? `<p class="empty">${none}</p>`
      : `<ul>${[
          ...items.map(
            (item) =>
              `<li>${featureLink(item, links, up)} <span class="muted">${escapeHtml(portfolio.model.statuses.find((s) => s.id === item.view.status)?.title ?? item.view.status)}</span></li>`,
          ),
          ...missing.map(
            (id) =>
              `<li><span class="feature-id">${escapeHtml(id)}</span> <span class="muted">(no feature has this id)</span></li>`,
          ),
        ].join('')}</ul>`;

  const evidence =
    input.evidence.length === 0
      ? '<p class="empty">No evidence linked.</p>'
      : `<ul>${input.evidence
          .map(
            (item) =>
              `<li>${item.href ? `<a href="${escapeHtml(item.href)}" rel="noopener noreferrer nofollow">${escapeHtml(item.label)}</a>` : `<span class="dead-link">${escapeHtml(item.label)}</span>`}${item.note ? ` — ${escapeHtml(item.note)}` : ''}</li>`,
          )
          .join('')}</ul>`;

  const problems =
    entry.issues.length === 0
      ? ''
      : `<section aria-labelledby="problems"><h2 id="problems">Problems in the file</h2><ul class="problems">${entry.issues
          .map(
            (issue) =>
              `<li class="severity-${issue.severity}"><b>${issue.severity}</b> ${escapeHtml(issue.message)} <code>${issue.code}</code></li>`,
          )
          .join('')}</ul></section>`;

  return `<nav aria-label="Breadcrumb" class="breadcrumb"><a href="${up}index.html">Roadmap</a> › <a href="${up}features.html">Features</a> › <span aria-current="page">${escapeHtml(view.id)}</span></nav>
<article class="feature-page">
<h1><span class="feature-id">${escapeHtml(view.id)}</span> ${escapeHtml(view.title)}</h1>
<dl class="fields">
${fields}
</dl>
<section aria-labelledby="dependencies"><h2 id="dependencies">Dependencies</h2>
<h3>Depends on</h3>
${dependencyList(entry.dependsOn, entry.missing, 'Nothing: it can start any time.')}
<h3>Needed by</h3>
${dependencyList(entry.neededBy, [], 'No feature depends on it.')}
</section>
<section aria-labelledby="evidence"><h2 id="evidence">Evidence</h2>
${evidence}
</section>
${problems}
<section aria-labelledby="description" class="markdown-body"><h2 id="description">Description</h2>
${input.bodyHtml || '<p class="empty">The file has no description.</p>'}
</section>
</article>`;
}

// ---- milestone and goal pages -------------------------------------------------------------------------------

export function planMain(
  item: PlanItem,
  entries: readonly PortfolioFeature[],
  portfolio: Portfolio,
  links: PageLinks,
): string {
  const { progress } = item;
  const kindTitle = item.kind === 'milestone' ? 'Milestone' : 'Goal';
  const date =
    'date' in item.item && item.item.date
      ? `<p>Due <time datetime="${escapeHtml(item.item.date)}">${escapeHtml(item.item.date)}</time></p>`
      : '';
  const filter = `${item.kind}=${encodeURIComponent(item.item.id)}`;
  return `<nav aria-label="Breadcrumb" class="breadcrumb"><a href="../index.html">Roadmap</a> › <span aria-current="page">${kindTitle} ${escapeHtml(item.item.id)}</span></nav>
<h1>${escapeHtml(item.item.title)}</h1>
${date}
<p>Health: ${healthBadge(progress)}</p>
${progress.reasons.length > 0 ? `<ul class="reasons">${progress.reasons.map((reason) => `<li>${escapeHtml(reason)}</li>`).join('')}</ul>` : ''}
${progressBar(progress, `${item.item.title}: progress`)}
<p><a href="../index.html#view=timeline&amp;${escapeHtml(filter)}">See its features on the timeline</a> · <a href="../index.html#view=board&amp;${escapeHtml(filter)}">on the board</a></p>
<section aria-labelledby="features"><h2 id="features">Features</h2>
${featureTable(entries, portfolio, links, '../', `Features of ${item.item.title}`)}
</section>`;
}
