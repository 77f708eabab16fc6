// Synthetic roadmap corpora for `npm run bench`, generated from a fixed seed so that every machine measures
// the same bytes. A corpus is generated once per size and reused while its stamp (generator version + seed)
// matches; change either and it is regenerated.
//
//   node scripts/bench/generate.mjs [--sizes 1000,10000] [--seed 20260101] [--variant standard|adopting|crossfile|broken]
//
// Layout of bench/.corpus/<size>/ (bench/.corpus/ is gitignored):
//   .roadmap/config.yaml            statuses, milestones M1..M8, goals, required fields
//   features/<team>/<area>/*.md     60% of the files, nested one or two levels
//   roadmap/<year>/<quarter>/*.md   40% of the files
// Per <size> features: ~20-line front-matter and a 20-80-line body each; 20% extra Markdown without
// front-matter (READMEs and notes) in the same folders; ~3% of features with one realistic mistake (a stale
// score, a status typo, a bad date, an unknown dependency...); a few malformed files (bad YAML, unclosed fence).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output changes: corpora stamped with another version are regenerated. */
export const generatorVersion = 1;
export const defaultSeed = 20260101;
export const corpusRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', '.corpus');

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; same seed, same sequence on every platform. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  /** Picks by weight: `weighted([['must', 3], ['could', 1]])`. */
  const weighted = (entries) => {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
    return entries[entries.length - 1][0];
  };
  return { next, int, pick, chance, weighted };
}

const teams = [
  'platform',
  'growth',
  'insights',
  'mobile',
  'data',
  'billing',
  'identity',
  'search',
  'infra',
  'design',
  'api',
  'ml',
];
const areas = ['core', 'admin', 'onboarding', 'reporting', 'integrations', 'security', 'performance', 'ux'];
const owners = [
  'ana.silva',
  'bo.chen',
  'carla.m',
  'dev.patel',
  'eli.novak',
  'fatima.k',
  'greg.o',
  'hana.sato',
  'ivan.r',
  'jo.wright',
];
const statuses = [
  ['idea', 2],
  ['planned', 4],
  ['in-progress', 2],
  ['review', 1],
  ['shipped', 2],
  ['dropped', 0.3],
];
const moscows = [
  ['must', 3],
  ['should', 3.5],
  ['could', 2.5],
  ['wont', 1],
];
const moscowRank = { must: 0, should: 1, could: 2, wont: 3 };
const goals = ['G-enterprise', 'G-activation', 'G-engagement', 'G-data', 'G-retention', 'G-efficiency'];
const tagWords = [
  'security',
  'enterprise',
  'auth',
  'ux',
  'mobile',
  'api',
  'billing',
  'reporting',
  'sso',
  'performance',
  'a11y',
  'i18n',
  'compliance',
];
const nouns = [
  'dashboard',
  'report',
  'connector',
  'workspace',
  'alert',
  'export',
  'permission',
  'audit log',
  'checkout',
  'invite',
  'template',
  'digest',
  'query',
  'chart',
  'webhook',
  'API key',
  'sync',
  'filter',
];
const adjectives = [
  'Scheduled',
  'Shared',
  'Self-serve',
  'Bulk',
  'Real-time',
  'Custom',
  'Granular',
  'Offline',
  'Embedded',
  'Faster',
  'Smart',
  'Secure',
];
const words = (
  'the team customers admins report dashboards data workspace users need a way to share export and schedule without ' +
  'asking support every week because the current flow is slow and error prone so we propose a simple setting that ' +
  'covers most cases while keeping the advanced path for power users who already rely on the API and on webhooks ' +
  'enterprise accounts asked for this during security reviews and several deals stalled on it last quarter'
).split(' ');

/** Eight quarterly milestones from 2026-Q1: M<k> ends with its quarter. */
const milestones = Array.from({ length: 8 }, (_, k) => {
  const year = 2026 + Math.floor(k / 4);
  const quarter = (k % 4) + 1;
  const endMonth = quarter * 3;
  const endDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return {
    id: `M${k + 1}`,
    year,
    quarter,
    start: Date.UTC(year, endMonth - 3, 1),
    date: `${year}-${String(endMonth).padStart(2, '0')}-${endDay}`,
  };
});

const day = 86_400_000;
const isoDay = (time) => new Date(time).toISOString().slice(0, 10);

function configYaml() {
  return `# Synthetic benchmark roadmap (scripts/bench/generate.mjs). Do not edit: regenerated from a seed.
exclude: [".roadmap/**"]
statuses:
  - { id: idea, title: Idea, category: todo }
  - { id: planned, title: Planned, category: todo }
  - { id: in-progress, title: In progress, category: doing }
  - { id: review, title: In review, category: doing }
  - { id: shipped, title: Shipped, category: done }
  - { id: dropped, title: Dropped, category: done }
required: [id, title, status, moscow]
milestones:
${milestones.map((m) => `  - { id: ${m.id}, title: "${m.year}-Q${m.quarter} release", date: ${m.date} }`).join('\n')}
goals:
${goals.map((goal) => `  - { id: ${goal}, title: "${goal.slice(2)} goal" }`).join('\n')}
scoring: { model: rice }
`;
}

/** The folders files go to: features/<team>/ and features/<team>/<area>/, roadmap/<year>/<quarter>/. */
function folderList() {
  const features = teams.flatMap((team) => [
    `features/${team}`,
    ...areas.map((area) => `features/${team}/${area}`),
  ]);
  const roadmap = [2026, 2027, 2028].flatMap((year) =>
    [1, 2, 3, 4].map((quarter) => `roadmap/${year}/Q${quarter}`),
  );
  return { features, roadmap };
}

function sentence(random, min, max) {
  const count = random.int(min, max);
  const out = [];
  for (let i = 0; i < count; i++) out.push(random.pick(words));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** A paragraph wrapped at ~80 columns, as people write Markdown. */
function paragraph(random, lineCount) {
  const lines = [];
  for (let i = 0; i < lineCount; i++) lines.push(sentence(random, 8, 13));
  return lines;
}

/** A body of `target` lines: a title, headings, paragraphs, a task list and the odd link. */
function body(random, title, target) {
  const lines = [`# ${title}`, ''];
  const sections = [
    'Problem',
    'Proposed solution',
    'Tasks',
    'Open questions',
    'Evidence',
    'Rollout',
    'Notes',
  ];
  let section = 0;
  while (lines.length < target) {
    const heading = sections[section++ % sections.length];
    lines.push(`## ${heading}`, '');
    if (heading === 'Tasks') {
      const count = random.int(3, 10);
      for (let i = 0; i < count; i++)
        lines.push(`- [${random.chance(0.4) ? 'x' : ' '}] ${sentence(random, 3, 8).slice(0, -1)}`);
    } else {
      lines.push(...paragraph(random, random.int(2, 6)));
      if (random.chance(0.3))
        lines.push(`See [the spec](https://docs.example.com/specs/${random.int(100, 999)}) for details.`);
    }
    lines.push('');
  }
  return lines.slice(0, target).join('\n') + '\n';
}

/** Notes and READMEs: Markdown without front-matter, which discovery reads and skips. */
function note(random, kind) {
  const lines = [`# ${kind === 'readme' ? 'About this folder' : 'Meeting notes'}`, ''];
  const target = random.int(10, 60);
  while (lines.length < target) {
    lines.push(`## ${sentence(random, 2, 4).slice(0, -1)}`, '', ...paragraph(random, random.int(2, 5)), '');
    if (random.chance(0.3)) lines.push('- ' + sentence(random, 4, 8), '- ' + sentence(random, 4, 8), '');
  }
  return lines.join('\n') + '\n';
}

const riceImpacts = [3, 2, 1, 0.5, 0.25];
const riceConfidences = ['100%', '80%', '50%'];

function formatScore(score) {
  return Math.abs(score) >= 100 ? String(Math.round(score)) : String(Math.round(score * 100) / 100);
}

/** One realistic mistake, applied to ~3% of features so the linter has something to report. */
const mistakes = [
  'stale-score',
  'status-typo',
  'bad-date',
  'unknown-dependency',
  'impact-off-scale',
  'unknown-field',
  'bad-quarter',
];

/**
 * The same feature in a team's own words, as a corpus looks on the day a team adopts the tool: statuses,
 * keys and values the default config does not know, so that every file has something to report.
 */
const adoptedStatus = {
  idea: 'Backlog',
  planned: 'To Do',
  'in-progress': 'In Progress',
  review: 'In Review',
  shipped: 'Done',
  dropped: "Won't Do",
};
const adoptedPriority = { must: 'critical', should: 'high', could: 'medium', wont: 'low' };

function inTeamWords(fields, random) {
  const { moscow, owner, tags, depends_on: dependencies, ...rest } = fields;
  return {
    ...rest,
    status: adoptedStatus[fields.status] ?? fields.status,
    priority: adoptedPriority[moscow],
    assignee: `[${owner}]`,
    labels: tags,
    dependencies,
    created_date: `2025-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')} ${String(random.int(8, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`,
  };
}

/** The config that declares the adopting corpus's vocabulary and turns the rules it finds noisy off. */
export function vocabularyConfigYaml() {
  return `# The vocabulary of the adopting benchmark corpus (scripts/bench/generate.mjs).
statuses:
${Object.values(adoptedStatus)
  .map(
    (title) =>
      `  - { id: "${title}", title: "${title}", category: ${title === 'Done' || title === "Won't Do" ? 'done' : title.startsWith('In') ? 'doing' : 'todo'} }`,
  )
  .join('\n')}
aliases: { dependencies: depends_on }
fields:
  priority: { type: enum, values: [${Object.values(adoptedPriority).join(', ')}] }
  assignee: { type: list }
  labels: { type: list }
  created_date: { type: string }
milestones:
${milestones.map((m) => `  - { id: ${m.id}, title: "${m.year}-Q${m.quarter} release", date: ${m.date} }`).join('\n')}
goals:
${goals.map((goal) => `  - { id: ${goal}, title: "${goal.slice(2)} goal" }`).join('\n')}
rules:
  evidence-missing: off
  rice-confidence-low: off
`;
}

function featureFile(random, number, state, variant) {
  const id = `F-${String(number).padStart(5, '0')}`;
  const title = `${random.pick(adjectives)} ${random.pick(nouns)} ${random.pick(nouns)}`;
  const status = random.weighted(statuses);
  const moscow = random.weighted(moscows);
  const milestoneIndex = random.int(0, milestones.length - 1);
  const milestone = milestones[milestoneIndex];
  const reach = random.int(1, 60) * 50;
  const impact = random.pick(riceImpacts);
  const confidence = random.pick(riceConfidences);
  const effort = random.pick([0.5, 1, 1, 2, 2, 3, 4, 6, 8]);
  const score = formatScore((reach * impact * (parseInt(confidence, 10) / 100)) / effort);
  // Within its milestone's quarter, so that dependencies on earlier milestones end before it starts.
  const start = milestone.start + random.int(0, 40) * day;
  const end = Math.min(start + random.int(14, 45) * day, Date.UTC(milestone.year, milestone.quarter * 3, 0));
  // Dependencies: features of earlier milestones with the same or a higher priority (no warnings by design).
  const dependsOn = new Set();
  if (milestoneIndex > 0) {
    const wanted = random.weighted([
      [0, 4],
      [1, 3],
      [2, 2],
      [3, 1],
    ]);
    for (let attempt = 0; attempt < wanted * 3 && dependsOn.size < wanted; attempt++) {
      const pool = state.byMilestone[random.int(0, milestoneIndex - 1)];
      if (pool.length === 0) continue;
      const target = random.pick(pool);
      if (moscowRank[target.moscow] <= moscowRank[moscow]) dependsOn.add(target.id);
    }
  }
  state.byMilestone[milestoneIndex].push({ id, moscow });
  const tags = [...new Set(Array.from({ length: random.int(1, 4) }, () => random.pick(tagWords)))];
  const evidence = Array.from({ length: random.int(1, 3) }, (_, i) =>
    i === 0 || random.chance(0.5)
      ? [`  - https://feedback.example.com/posts/${random.int(1, 9999)}`]
      : [
          `  - url: https://crm.example.com/opportunities/${random.int(1, 9999)}`,
          `    note: ${random.int(2, 90)} upvotes, ${random.int(1, 12)} accounts`,
        ],
  ).flat();
  const fields = {
    id,
    title,
    status,
    moscow,
    rice: [
      `rice:`,
      `  reach: ${reach}`,
      `  impact: ${impact}`,
      `  confidence: ${confidence}`,
      `  effort: ${effort}`,
    ],
    score,
    owner: random.pick(owners),
    team: random.pick(teams),
    milestone: milestone.id,
    quarter: `${milestone.year}-Q${milestone.quarter}`,
    start: isoDay(start),
    end: isoDay(end),
    depends_on: `[${[...dependsOn].join(', ')}]`,
    goal: random.pick(goals),
    tags: `[${tags.join(', ')}]`,
    evidence: ['evidence:', ...evidence],
    progress: status === 'shipped' ? 100 : status === 'idea' || status === 'planned' ? 0 : random.int(5, 95),
  };
  if (random.chance(0.03)) {
    const mistake = random.pick(mistakes);
    if (mistake === 'stale-score') fields.score = String(Number(score) + 7);
    else if (mistake === 'status-typo') fields.status = 'in progres';
    else if (mistake === 'bad-date') fields.end = `${milestone.year}-02-30`;
    else if (mistake === 'unknown-dependency')
      fields.depends_on = `[F-9${String(random.int(0, 9999)).padStart(5, '0')}]`;
    else if (mistake === 'impact-off-scale') fields.rice[2] = '  impact: 4';
    else if (mistake === 'unknown-field') fields.prioirty = 'high';
    else if (mistake === 'bad-quarter') fields.quarter = `Q${milestone.quarter} ${milestone.year}`;
  }
  const written = variant === 'adopting' ? inTeamWords(fields, random) : fields;
  const frontmatter = Object.entries(written).flatMap(([key, value]) =>
    Array.isArray(value) ? value : [`${key}: ${value}`],
  );
  const text = `---\n${frontmatter.join('\n')}\n---\n\n${body(random, title, random.int(20, 80))}`;
  return { id, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), text };
}

function malformed(random, kind, number) {
  const id = `F-${String(number).padStart(5, '0')}`;
  if (kind === 'bad-yaml') {
    return `---\nid: ${id}\ntitle: "Unterminated quote\nstatus: planned\nmoscow: [must\n---\n\n${body(random, 'Broken YAML', 20)}`;
  }
  return `---\nid: ${id}\ntitle: Fence never closed\nstatus: planned\n\n${body(random, 'Unclosed fence', 20)}`;
}

/**
 * The `crossfile` variant: every feature has a cross-file problem. Features are paired (1-2, 3-4, ...); in the
 * first half of the corpus the second of each pair takes the first's id (a duplicate id), in the second half
 * the two depend on each other (a two-feature cycle). Duplicate ids once made a lint quadratic (10 s at
 * 10,000 features); this keeps them measured.
 */
function crossFileText(text, number, size) {
  const idOf = (n) => `F-${String(n).padStart(5, '0')}`;
  const partner = number % 2 ? number + 1 : number - 1;
  if (partner > size) return text;
  if (number <= size / 2) return number % 2 ? text : text.replace(/\nid: [^\n]+/, `\nid: ${idOf(partner)}`);
  const withoutDependencies = text.replace(/\ndepends_on: \[[^\]\n]*\]/, '');
  return withoutDependencies.replace(/\nid: ([^\n]+)/, `\nid: $1\ndepends_on: [${idOf(partner)}]`);
}

/**
 * The `broken` variant: every front-matter has a YAML syntax error, the commonest kinds in turn (a title with
 * an unquoted `: `, a colon left out, a key indented by mistake, a quote or a list left open, a tab, a repeated
 * key, a bracket too many, a nested key indented less than its siblings). Each once cost a lint a second
 * parse or two.
 */
function brokenText(text, number) {
  const mistakes = [
    (t) => t.replace(/\ntitle: ([^\n]+)/, '\ntitle: Plan: $1'),
    (t) => t.replace(/\ntitle: /, '\ntitle '),
    (t) => t.replace(/\nstatus: /, '\n status: '),
    (t) => t.replace(/\ntitle: ([^\n]+)/, '\ntitle: "$1'),
    (t) => t.replace(/\nstatus: ([^\n]+)/, '\nstatus: [$1'),
    (t) => t.replace(/\nstatus: /, '\n\tstatus: '),
    (t) => t.replace(/\nstatus: ([^\n]+)/, '\nstatus: $1\nstatus: $1'),
    (t) => t.replace(/\nstatus: ([^\n]+)/, '\nstatus: [$1]]'),
    (t) => t.replace(/\n {2}impact: /, '\n impact: '),
  ];
  return mistakes[number % mistakes.length](text);
}

/**
 * Writes a corpus of `size` features (plus 20% notes and a few malformed files) into `directory`.
 * Returns what the stamp records.
 */
export function generateCorpus(directory, size, seed = defaultSeed, variant = 'standard') {
  const random = createRandom(seed ^ size);
  const { features, roadmap } = folderList();
  const state = { byMilestone: milestones.map(() => []) };
  const created = new Set();
  let files = 0;
  let bytes = 0;
  const write = (relative, text) => {
    const folder = dirname(join(directory, relative));
    if (!created.has(folder)) {
      mkdirSync(folder, { recursive: true });
      created.add(folder);
    }
    writeFileSync(join(directory, relative), text);
    files++;
    bytes += Buffer.byteLength(text);
  };
  const folderFor = () => (random.chance(0.6) ? random.pick(features) : random.pick(roadmap));

  if (variant === 'adopting') write('vocabulary.yaml', vocabularyConfigYaml());
  else write('.roadmap/config.yaml', configYaml());
  for (let number = 1; number <= size; number++) {
    const own = variant === 'crossfile' || variant === 'broken';
    const feature = featureFile(random, number, state, own ? 'standard' : variant);
    const text =
      variant === 'crossfile'
        ? crossFileText(feature.text, number, size)
        : variant === 'broken'
          ? brokenText(feature.text, number)
          : feature.text;
    write(`${folderFor()}/${feature.id}-${feature.slug}.md`, text);
  }
  // 20% extra Markdown without front-matter, in the same folders: a README per folder, then notes.
  const noteCount = Math.round(size * 0.2);
  const folders = [...features, ...roadmap];
  for (let k = 0; k < noteCount; k++) {
    const readme = k < folders.length;
    write(
      readme ? `${folders[k]}/README.md` : `${folderFor()}/notes-${String(k).padStart(5, '0')}.md`,
      note(random, readme ? 'readme' : 'notes'),
    );
  }
  // A few malformed files: one per 1,000 features of each kind, at least two.
  const broken = Math.max(2, Math.round(size / 1000));
  for (let k = 0; k < broken; k++) {
    write(`${folderFor()}/broken-yaml-${k}.md`, malformed(random, 'bad-yaml', size + 1 + 2 * k));
    write(`${folderFor()}/unclosed-fence-${k}.md`, malformed(random, 'unclosed', size + 2 + 2 * k));
  }
  return { generator: generatorVersion, seed, size, variant, files, bytes, markdownFiles: files - 1 };
}

const stampName = '.stamp.json';

/**
 * The corpus of `size` features under bench/.corpus/<size> (bench/.corpus/<variant>-<size> for the variant in a
 * team's own words, `adopting`, the one where every feature has a cross-file problem, `crossfile`, and the one
 * where every front-matter has a YAML syntax error, `broken`),
 * generated unless a matching stamp exists.
 */
export function ensureCorpus(size, { seed = defaultSeed, variant = 'standard', log = () => {} } = {}) {
  const directory = join(corpusRoot, variant === 'standard' ? String(size) : `${variant}-${size}`);
  const stampPath = join(directory, stampName);
  if (existsSync(stampPath)) {
    try {
      const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
      if (
        stamp.generator === generatorVersion &&
        stamp.seed === seed &&
        stamp.size === size &&
        (stamp.variant ?? 'standard') === variant
      )
        return { directory, stamp, reused: true };
    } catch {
      // A damaged stamp: regenerate.
    }
  }
  log(`generating the ${size.toLocaleString('en-US')}-feature ${variant} corpus (seed ${seed})…`);
  const started = Date.now();
  // Generate next to the target and swap it in, so an interrupted run never leaves a half corpus behind.
  const temporary = `${directory}.partial`;
  rmSync(temporary, { recursive: true, force: true });
  const stamp = generateCorpus(temporary, size, seed, variant);
  stamp.generatedInMs = Date.now() - started;
  writeFileSync(join(temporary, stampName), JSON.stringify(stamp, null, 2) + '\n');
  rmSync(directory, { recursive: true, force: true });
  renameSync(temporary, directory);
  log(
    `  ${stamp.markdownFiles.toLocaleString('en-US')} Markdown files, ${(stamp.bytes / 1024 / 1024).toFixed(1)} MiB in ${(stamp.generatedInMs / 1000).toFixed(1)} s`,
  );
  return { directory, stamp, reused: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argument = (name) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const sizes = (argument('sizes') ?? '1000,10000,50000').split(',').map(Number);
  const seed = Number(argument('seed') ?? defaultSeed);
  const variant = argument('variant') ?? 'standard';
  for (const size of sizes) {
    const { directory, reused } = ensureCorpus(size, { seed, variant, log: console.log });
    console.log(`${reused ? 'reused' : 'wrote'} ${directory}`);
  }
}
