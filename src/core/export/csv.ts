// RFC 4180 CSV for spreadsheets: one row per feature, ranked by score. Spreadsheets run a cell that starts
// with = + - @ (or a tab or carriage return that they strip first) as a formula, and a feature title is
// anyone's text, so such cells are prefixed with an apostrophe (the OWASP "CSV injection" advice).
import { rankByScore, sortFeatures } from '../roadmapModel';
import { formatScore } from '../scoring';
import type { Feature } from '../types';
import type { ExportInput } from './exportInput';

type Cell = string | number | undefined;

/** The fixed columns, in order; the scoring inputs of ICE or WSJF and custom fields follow when configured. */
export const csvColumns = [
  'id',
  'title',
  'status',
  'moscow',
  'reach',
  'impact',
  'confidence',
  'effort',
  'score',
  'rank',
  'owner',
  'team',
  'milestone',
  'quarter',
  'start',
  'end',
  'depends_on',
  'goal',
  'tags',
  'evidence',
  'progress',
  'file',
] as const;

const modelColumns = {
  rice: [],
  ice: [
    ['ice_impact', (feature: Feature) => feature.ice?.impact],
    ['ice_confidence', (feature: Feature) => feature.ice?.confidence],
    ['ice_ease', (feature: Feature) => feature.ice?.ease],
  ],
  wsjf: [
    ['wsjf_business_value', (feature: Feature) => feature.wsjf?.business_value],
    ['wsjf_time_criticality', (feature: Feature) => feature.wsjf?.time_criticality],
    ['wsjf_risk_reduction', (feature: Feature) => feature.wsjf?.risk_reduction],
    ['wsjf_job_size', (feature: Feature) => feature.wsjf?.job_size],
  ],
} as const satisfies Record<string, readonly (readonly [string, (feature: Feature) => number | undefined])[]>;

const formulaStart = /^[=+\-@\t\r]/;

/** One field: formula-guarded when it is text, quoted when it holds a quote, comma or line break. */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Custom field values as a spreadsheet cell: lists joined like depends_on, anything structured as JSON. */
function customCell(value: unknown): Cell {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(';');
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

export function csvTable(input: ExportInput): string {
  const { config } = input;
  const features = sortFeatures(input.features, 'score');
  const ranks = rankByScore(features);
  const extraColumns = modelColumns[config.scoring.model];
  const builtIn = new Set<string>([...csvColumns, ...extraColumns.map(([name]) => name)]);
  const customColumns = Object.keys(config.fields)
    .filter((name) => !builtIn.has(name))
    .sort();
  const rows: Cell[][] = [[...csvColumns, ...extraColumns.map(([name]) => name), ...customColumns]];
  for (const feature of features) {
    rows.push([
      feature.id,
      feature.title,
      feature.status,
      feature.moscow,
      feature.rice?.reach,
      feature.rice?.impact,
      feature.rice?.confidence,
      feature.rice?.effort,
      feature.score === undefined ? undefined : Number(formatScore(feature.score)),
      ranks.get(feature),
      feature.owner,
      feature.team,
      feature.milestone,
      feature.quarter,
      feature.start,
      feature.end,
      feature.dependsOn.join(';'),
      feature.goal,
      feature.tags.join(';'),
      // URLs never contain spaces, while ';' is legal inside one.
      feature.evidence.map((link) => link.url).join(' '),
      feature.progress,
      feature.file,
      ...extraColumns.map(([, read]) => read(feature)),
      ...customColumns.map((name) => customCell(feature.custom[name])),
    ]);
  }
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
