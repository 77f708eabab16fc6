// The one description of the feature front-matter and of every rule. Validation dispatches on `kind`,
// completion and hover read `description`, `values` and `rubric`, and the published JSON Schemas and the
// README's tables are generated from here, so a field or a rule is described exactly once.
import type { Severity } from './types';

export type FieldKind =
  | 'id'
  | 'text'
  | 'status'
  | 'enum'
  | 'number'
  | 'positiveNumber'
  | 'nonNegativeNumber'
  | 'impactTier'
  | 'confidence'
  | 'scale10'
  | 'percent'
  | 'date'
  | 'quarter'
  | 'milestone'
  | 'goal'
  | 'idList'
  | 'textList'
  | 'people'
  | 'evidence'
  | 'object'
  | 'boolean'
  | 'integer'
  | 'url'
  | 'list';

export interface RubricEntry {
  value: number;
  label: string;
  meaning: string;
}

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** One sentence: what the field means and its scale. Shown in completion, hover and the README. */
  description: string;
  example: string;
  values?: readonly string[];
  rubric?: readonly RubricEntry[];
  children?: readonly FieldSpec[];
}

export const moscowValues = ['must', 'should', 'could', 'wont'] as const;

export const moscowRubric: readonly { value: string; label: string; meaning: string }[] = [
  {
    value: 'must',
    label: 'Must have',
    meaning: 'Without it the release is a failure: legal, safety or core value.',
  },
  {
    value: 'should',
    label: 'Should have',
    meaning: 'Important but not vital; painful to leave out, a workaround exists.',
  },
  { value: 'could', label: 'Could have', meaning: 'Desirable; the first to go when time runs short.' },
  {
    value: 'wont',
    label: "Won't have (this time)",
    meaning: 'Agreed out of scope for this release; recorded on purpose.',
  },
];

/** Intercom's RICE impact scale. */
export const impactRubric: readonly RubricEntry[] = [
  { value: 3, label: 'Massive', meaning: 'Transforms the experience for everyone it reaches.' },
  { value: 2, label: 'High', meaning: 'A big, noticeable improvement.' },
  { value: 1, label: 'Medium', meaning: 'A solid improvement.' },
  { value: 0.5, label: 'Low', meaning: 'A small improvement.' },
  { value: 0.25, label: 'Minimal', meaning: 'Barely noticeable.' },
];

/** Intercom's RICE confidence scale, in percent. */
export const confidenceRubric: readonly RubricEntry[] = [
  { value: 100, label: 'High', meaning: 'Backed by data for reach, impact and effort.' },
  { value: 80, label: 'Medium', meaning: 'Data for some factors, judgement for the rest.' },
  { value: 50, label: 'Low', meaning: 'Mostly a hunch: a moonshot.' },
];

const riceFields: readonly FieldSpec[] = [
  {
    name: 'reach',
    kind: 'nonNegativeNumber',
    description:
      'How many people or accounts this affects per period (say, per quarter). A number of at least 0.',
    example: '1200',
  },
  {
    name: 'impact',
    kind: 'impactTier',
    description:
      "How much it moves the goal for each person reached, on Intercom's scale: 3, 2, 1, 0.5 or 0.25.",
    example: '2',
    rubric: impactRubric,
  },
  {
    name: 'confidence',
    kind: 'confidence',
    description:
      'How sure you are of reach, impact and effort: 100%, 80% or 50% (0.8, 80 and 80% all mean 80%).',
    example: '80%',
    rubric: confidenceRubric,
  },
  {
    name: 'effort',
    kind: 'positiveNumber',
    description: 'Total work in person-months across every discipline; above 0.',
    example: '3',
  },
];

export const featureFields: readonly FieldSpec[] = [
  {
    name: 'id',
    kind: 'id',
    description: 'A unique, stable identifier that other features use in depends_on.',
    example: 'F-001',
  },
  {
    name: 'title',
    kind: 'text',
    description: 'A short name for the feature.',
    example: 'Single sign-on (SAML + OIDC)',
  },
  {
    name: 'status',
    kind: 'status',
    description: 'Where the feature is in its life; one of the statuses in .roadmap/config.yaml.',
    example: 'planned',
  },
  {
    name: 'moscow',
    kind: 'enum',
    values: moscowValues,
    description: 'MoSCoW priority for its milestone: must, should, could or wont.',
    example: 'must',
  },
  {
    name: 'rice',
    kind: 'object',
    children: riceFields,
    description: 'RICE scoring inputs: score = reach × impact × confidence ÷ effort.',
    example: '{ reach: 1200, impact: 2, confidence: 80%, effort: 3 }',
  },
  {
    name: 'ice',
    kind: 'object',
    children: [
      { name: 'impact', kind: 'scale10', description: 'Impact on the goal, 1 to 10.', example: '8' },
      {
        name: 'confidence',
        kind: 'scale10',
        description: 'Confidence in the estimate, 1 to 10.',
        example: '6',
      },
      { name: 'ease', kind: 'scale10', description: 'Ease of delivery, 1 to 10.', example: '5' },
    ],
    description:
      'ICE scoring inputs (used when the config sets scoring.model: ice): score = impact × confidence × ease.',
    example: '{ impact: 8, confidence: 6, ease: 5 }',
  },
  {
    name: 'wsjf',
    kind: 'object',
    children: [
      {
        name: 'business_value',
        kind: 'positiveNumber',
        description: 'Relative user and business value.',
        example: '8',
      },
      {
        name: 'time_criticality',
        kind: 'positiveNumber',
        description: 'How value decays with delay.',
        example: '5',
      },
      {
        name: 'risk_reduction',
        kind: 'nonNegativeNumber',
        description: 'Risk reduction or opportunity enablement.',
        example: '3',
      },
      {
        name: 'job_size',
        kind: 'positiveNumber',
        description: 'Relative size of the work; above 0.',
        example: '5',
      },
    ],
    description:
      'WSJF inputs (used when the config sets scoring.model: wsjf): score = (business_value + time_criticality + risk_reduction) ÷ job_size.',
    example: '{ business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 5 }',
  },
  {
    name: 'score',
    kind: 'number',
    description:
      'The score as last computed, stored for readers of the raw file. Flagged when it no longer matches.',
    example: '640',
  },
  {
    name: 'owner',
    kind: 'people',
    description:
      'The person accountable for the feature, or a list of people (the first listed is accountable).',
    example: 'ana.silva',
  },
  { name: 'team', kind: 'text', description: 'The team that builds it.', example: 'platform' },
  {
    name: 'milestone',
    kind: 'milestone',
    description:
      'The release or milestone it targets; an id from the config when the config lists milestones.',
    example: 'M1',
  },
  { name: 'quarter', kind: 'quarter', description: 'The target quarter, as yyyy-Qn.', example: '2026-Q1' },
  { name: 'start', kind: 'date', description: 'Planned start, as yyyy-mm-dd.', example: '2026-01-12' },
  {
    name: 'end',
    kind: 'date',
    description: 'Planned end, as yyyy-mm-dd; not before start.',
    example: '2026-03-20',
  },
  {
    name: 'depends_on',
    kind: 'idList',
    description: 'Ids of the features that must land first.',
    example: '[F-004, F-007]',
  },
  {
    name: 'goal',
    kind: 'goal',
    description: 'The business goal it serves; an id from the config when the config lists goals.',
    example: 'G-enterprise',
  },
  {
    name: 'tags',
    kind: 'textList',
    description: 'Free labels for filtering.',
    example: '[security, enterprise]',
  },
  {
    name: 'evidence',
    kind: 'evidence',
    description: 'Links to customer feedback that back the scores: URLs, or {url, note} entries.',
    example: '[https://feedback.example.com/posts/219]',
  },
  {
    name: 'progress',
    kind: 'percent',
    description: 'Percent complete, 0 to 100; otherwise derived from task lists.',
    example: '40',
  },
];

export const featureFieldByName: ReadonlyMap<string, FieldSpec> = new Map(
  featureFields.map((field) => [field.name, field]),
);

export interface RuleSpec {
  code: RuleCode;
  severity: Severity;
  /** Whether the rule needs the whole workspace (it runs on the index, not on one file). */
  crossFile: boolean;
  summary: string;
}

/** Every rule. Its codes are the `RuleCode` type: a rule is added here and nowhere else. */
export const rules = [
  {
    code: 'yaml-syntax',
    severity: 'error',
    crossFile: false,
    summary: 'The front-matter is not valid YAML.',
  },
  {
    code: 'frontmatter-unclosed',
    severity: 'error',
    crossFile: false,
    summary: 'The opening `---` has no closing `---`.',
  },
  {
    code: 'frontmatter-not-mapping',
    severity: 'error',
    crossFile: false,
    summary: 'The front-matter is a list or a scalar, not a set of `key: value` fields.',
  },
  {
    code: 'file-unreadable',
    severity: 'error',
    crossFile: false,
    summary: 'The file is binary, not UTF-8, or too large to index.',
  },
  {
    code: 'missing-field',
    severity: 'error',
    crossFile: false,
    summary: 'A required field is absent or empty.',
  },
  {
    code: 'unknown-field',
    severity: 'warning',
    crossFile: false,
    summary: 'A field the schema does not know; usually a typo.',
  },
  {
    code: 'invalid-type',
    severity: 'error',
    crossFile: false,
    summary: 'A value of the wrong type (text where a number belongs, and so on).',
  },
  {
    code: 'invalid-enum',
    severity: 'error',
    crossFile: false,
    summary: 'A value outside the allowed set (status, MoSCoW, custom enums).',
  },
  {
    code: 'invalid-id',
    severity: 'error',
    crossFile: false,
    summary: 'An id with spaces or characters that cannot be referenced.',
  },
  { code: 'rice-reach-range', severity: 'error', crossFile: false, summary: 'RICE reach below 0.' },
  {
    code: 'rice-impact-scale',
    severity: 'error',
    crossFile: false,
    summary: "RICE impact off Intercom's scale 3, 2, 1, 0.5, 0.25.",
  },
  {
    code: 'rice-confidence-range',
    severity: 'error',
    crossFile: false,
    summary: 'RICE confidence outside (0, 100%].',
  },
  {
    code: 'rice-confidence-low',
    severity: 'info',
    crossFile: false,
    summary: 'RICE confidence below 50%: a moonshot, worth a note.',
  },
  {
    code: 'rice-effort-range',
    severity: 'error',
    crossFile: false,
    summary: 'RICE effort of 0 or less person-months.',
  },
  {
    code: 'score-range',
    severity: 'error',
    crossFile: false,
    summary: 'An ICE or WSJF input outside its scale.',
  },
  {
    code: 'score-stale',
    severity: 'warning',
    crossFile: false,
    summary: 'The stored score differs from the one its inputs give.',
  },
  {
    code: 'invalid-date',
    severity: 'error',
    crossFile: false,
    summary: 'A date that is not yyyy-mm-dd or not on the calendar.',
  },
  {
    code: 'invalid-quarter',
    severity: 'error',
    crossFile: false,
    summary: 'A quarter that is not yyyy-Q1 to yyyy-Q4.',
  },
  {
    code: 'date-order',
    severity: 'error',
    crossFile: false,
    summary: 'The end date is before the start date.',
  },
  { code: 'progress-range', severity: 'error', crossFile: false, summary: 'Progress outside 0 to 100.' },
  {
    code: 'invalid-url',
    severity: 'warning',
    crossFile: false,
    summary: 'An evidence link that is not an http(s) URL.',
  },
  {
    code: 'duplicate-id',
    severity: 'error',
    crossFile: true,
    summary: 'Two or more features share an id (reported on every copy).',
  },
  {
    code: 'unknown-dependency',
    severity: 'error',
    crossFile: true,
    summary: 'depends_on names an id no feature has.',
  },
  {
    code: 'dependency-cycle',
    severity: 'error',
    crossFile: true,
    summary: 'Features depend on each other in a loop (reported on every member).',
  },
  {
    code: 'dependency-schedule',
    severity: 'warning',
    crossFile: true,
    summary: 'A dependency ends after this feature starts.',
  },
  {
    code: 'priority-inversion',
    severity: 'warning',
    crossFile: true,
    summary: 'The feature depends on a feature of lower MoSCoW priority.',
  },
  {
    code: 'moscow-budget',
    severity: 'warning',
    crossFile: true,
    summary: "Must effort above 60% of a milestone's effort (the DSDM guideline).",
  },
  {
    code: 'unknown-milestone',
    severity: 'warning',
    crossFile: false,
    summary: 'A milestone the config does not list (only when the config lists milestones).',
  },
  {
    code: 'unknown-goal',
    severity: 'warning',
    crossFile: false,
    summary: 'A goal the config does not list (only when the config lists goals).',
  },
  {
    code: 'evidence-missing',
    severity: 'warning',
    crossFile: false,
    summary: 'Confidence of 100% with no evidence links.',
  },
  // The plan checking itself (src/core/planRules.ts).
  {
    code: 'milestone-date',
    severity: 'warning',
    crossFile: true,
    summary: "The feature ends after its milestone's date.",
  },
  {
    code: 'quarter-dates',
    severity: 'warning',
    crossFile: true,
    summary: 'The `quarter` is not the quarter its end date falls in.',
  },
  {
    code: 'overdue',
    // Opt-in: it depends on the day it runs, so a clean CI build would fail the next morning. The panel
    // always marks overdue work; a team that wants it in the editor and the CLI sets its severity.
    severity: 'warning',
    crossFile: true,
    summary:
      'Work in progress whose end date has passed (only when `rules: { overdue: warning }` turns it on).',
  },
  {
    code: 'capacity',
    severity: 'warning',
    crossFile: true,
    summary: "A team's planned effort in a quarter or milestone exceeds its capacity in the config.",
  },
] as const satisfies readonly (Omit<RuleSpec, 'code'> & { code: string })[];

/** A stable rule code, such as `rice-impact-scale`; documented in the README. */
export type RuleCode = (typeof rules)[number]['code'];

export const ruleByCode: ReadonlyMap<RuleCode, RuleSpec> = new Map(
  rules.map((rule): [RuleCode, RuleSpec] => [rule.code, rule]),
);

/** Where each rule is documented: the diagnostics link here. */
export function ruleDocsUrl(code: RuleCode): string {
  return `https://github.com/markdown-roadmap/markdown-roadmap/blob/main/README.md#rule-${code}`;
}
