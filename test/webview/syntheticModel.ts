// A deterministic roadmap model for the panel's browser tests and first-paint benchmark. Fixed seed, so every
// run (and every machine) draws the same features; shaped like a real roadmap: most features dated, some only
// by milestone or quarter, a few not at all, dependencies on earlier work and one dependency cycle.
import type { FeatureView, Moscow, RoadmapModel } from '../../src/shared/protocol';

/** mulberry32: tiny, fast and good enough to make varied but repeatable test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = [
  'Onboarding',
  'Billing',
  'Search',
  'Export',
  'Dashboard',
  'Alerts',
  'Audit log',
  'SSO',
  'Mobile',
  'Offline mode',
  'Reports',
  'Permissions',
  'Webhooks',
  'Dark theme',
  'Import',
  'Calendar',
  'Comments',
  'Sharing',
  'Templates',
  'API',
];
const verbs = ['Redesign', 'Speed up', 'Add', 'Simplify', 'Localise', 'Automate', 'Secure', 'Polish'];
const teams = ['Growth', 'Platform', 'Mobile', 'Payments'];
const owners = ['alice', 'bob', 'chen', 'dana', 'emeka', 'farah'];
const tags = ['ux', 'perf', 'security', 'enterprise', 'quick-win', 'tech-debt'];
const moscows: Moscow[] = ['must', 'should', 'could', 'wont'];
const impacts = [0.25, 0.5, 1, 2, 3];
const confidences = [50, 80, 100];

const dayMs = 86_400_000;
function isoDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}
function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / dayMs);
}

export function syntheticModel(count: number, seed = 20_250_615, today = '2025-06-16'): RoadmapModel {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const todayDay = dayOf(today);
  const milestones = [
    { id: 'm1-beta', title: 'Beta', date: '2025-03-31' },
    { id: 'm2-launch', title: 'Public launch', date: '2025-07-15' },
    { id: 'm3-scale', title: 'Scale-up', date: '2025-10-01' },
    { id: 'm4-enterprise', title: 'Enterprise', date: '2026-01-20' },
    { id: 'm5-later', title: 'Someday' },
  ];
  const goals = [
    { id: 'g-activation', title: 'Improve activation' },
    { id: 'g-revenue', title: 'Grow revenue' },
    { id: 'g-retention', title: 'Keep customers' },
  ];
  const statuses = [
    { id: 'backlog', title: 'Backlog', category: 'todo' as const },
    { id: 'planned', title: 'Planned', category: 'todo' as const },
    { id: 'in-progress', title: 'In progress', category: 'doing' as const },
    { id: 'review', title: 'In review', category: 'doing' as const },
    { id: 'done', title: 'Done', category: 'done' as const },
  ];
  const features: FeatureView[] = [];
  for (let i = 0; i < count; i++) {
    const id = `F-${String(i + 1).padStart(3, '0')}`;
    const reach = Math.round(50 + next() * 5000);
    const impact = pick(impacts);
    const confidence = pick(confidences);
    const effort = Math.round((0.5 + next() * 8) * 2) / 2;
    const estimated = next() > 0.08;
    const shape = next();
    const startDay = todayDay - 150 + Math.floor(next() * 420);
    const length = 7 + Math.floor(next() * 70);
    const feature: FeatureView = {
      file: `roadmap/features/${id.toLowerCase()}.md`,
      revision: `rev-${seed}-${i}`,
      id,
      title: `${pick(verbs)} ${pick(words).toLowerCase()}${next() > 0.7 ? ` for ${pick(teams)}` : ''}`,
      status:
        startDay + length < todayDay
          ? next() > 0.2
            ? 'done'
            : 'review'
          : startDay < todayDay
            ? pick(['in-progress', 'review', 'planned'])
            : pick(['backlog', 'planned']),
      dependsOn: [],
      tags: next() > 0.4 ? [pick(tags)] : [],
      problems: { errors: next() > 0.93 ? 1 : 0, warnings: next() > 0.85 ? 1 + Math.floor(next() * 2) : 0 },
    };
    if (next() > 0.1) feature.moscow = pick(moscows);
    if (estimated)
      Object.assign(feature, {
        reach,
        impact,
        confidence,
        effort,
        score: Math.round(((reach * impact * (confidence / 100)) / effort) * 10) / 10,
      });
    if (next() > 0.15) feature.owner = pick(owners);
    if (next() > 0.2) feature.team = pick(teams);
    if (next() > 0.3) feature.goal = pick(goals).id;
    if (next() > 0.25) feature.milestone = pick(milestones).id;
    if (shape < 0.7) {
      feature.start = isoDay(startDay);
      feature.end = isoDay(startDay + length);
    } else if (shape < 0.8) {
      feature.quarter = pick(['2025-Q3', '2025-Q4', '2026-Q1']);
    } else if (shape < 0.86) {
      feature.start = isoDay(startDay);
    }
    // else: only a milestone (maybe undated), or nothing at all: unscheduled.
    const tracking = next();
    if (tracking > 0.5) feature.progress = Math.floor(next() * 11) * 10;
    else if (tracking > 0.25) {
      const total = 2 + Math.floor(next() * 6);
      feature.tasks = { total, done: Math.floor(next() * (total + 1)) };
    }
    if (i > 3 && next() > 0.65) {
      const deps = new Set<string>();
      const n = 1 + Math.floor(next() * 2);
      for (let k = 0; k < n; k++) deps.add(features[Math.floor(next() * i)]!.id);
      feature.dependsOn = [...deps];
    }
    features.push(feature);
  }
  // A three-feature cycle and a dependency on an id that does not exist, as real roadmaps have.
  if (count >= 12) {
    features[9]!.dependsOn = [
      ...features[9]!.dependsOn.filter((d) => d !== features[11]!.id),
      features[11]!.id,
    ];
    features[10]!.dependsOn = [features[9]!.id];
    features[11]!.dependsOn = [features[10]!.id, 'F-MISSING'];
  }
  const ranked = features
    .filter((feature) => feature.score !== undefined)
    .sort((a, b) => b.score! - a.score!);
  ranked.forEach((feature, i) => (feature.rank = i + 1));
  return { features, statuses, milestones, goals, scoringModel: 'rice', mustBudget: 0.6, today };
}
