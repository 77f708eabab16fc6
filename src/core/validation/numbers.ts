// Numbers and scoring blocks: RICE (impact tiers, confidence, reach, effort), ICE and WSJF inputs.
import { didYouMean } from '../didYouMean';
import { type FieldSpec, impactRubric } from '../schema';
import {
  type Context,
  type Path,
  confidenceTiers,
  describe,
  expectNumber,
  impactTiers,
  nearest,
  quote,
  report,
} from './context';

/** Confidence as a percentage: 0.8, 80 and '80%' are all 80. */
export function parseConfidence(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value))
    return value > 0 && value <= 1 ? value * 100 : value;
  if (typeof value === 'string') {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function validateImpactTier(ctx: Context, path: Path, value: unknown): number | undefined {
  if (typeof value === 'string') {
    const tier = impactRubric.find((entry) => entry.label.toLowerCase() === value.trim().toLowerCase());
    report(
      ctx,
      'rice-impact-scale',
      `RICE impact must be one of 3, 2, 1, 0.5, 0.25${tier ? `: '${value}' is ${tier.value}` : ''}.`,
      path,
      'value',
      tier ? { replacement: tier.value } : undefined,
    );
    return undefined;
  }
  const number = expectNumber(ctx, path, value);
  if (number === undefined) return undefined;
  if (!impactTiers.includes(number)) {
    const snapped = nearest(number, impactTiers);
    report(
      ctx,
      'rice-impact-scale',
      `RICE impact ${number} is off the scale 3 (massive), 2 (high), 1 (medium), 0.5 (low), 0.25 (minimal); nearest is ${snapped}.`,
      path,
      'value',
      {
        replacement: snapped,
      },
    );
    return undefined;
  }
  return number;
}

function validateConfidence(ctx: Context, path: Path, value: unknown): number | undefined {
  const percent = parseConfidence(value);
  if (percent === undefined) {
    if (value !== null)
      report(
        ctx,
        'invalid-type',
        `RICE confidence must be a percentage such as 80%, 0.8 or 80, not ${describe(value)}.`,
        path,
      );
    return undefined;
  }
  if (!(percent > 0 && percent <= 100)) {
    const snapped = nearest(Math.min(Math.max(percent, 0), 100), confidenceTiers);
    report(
      ctx,
      'rice-confidence-range',
      `RICE confidence ${quote(value)} is outside (0, 100%]; use 100%, 80% or 50%.`,
      path,
      'value',
      {
        replacement: `${snapped}%`,
      },
    );
    return undefined;
  }
  if (percent < 50) {
    report(
      ctx,
      'rice-confidence-low',
      `Confidence of ${percent}% is below 50%: a moonshot. Say why in the body, or gather evidence first.`,
      path,
    );
  }
  return percent;
}

function validateNonNegative(ctx: Context, path: Path, value: unknown, parent: string): number | undefined {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined && number < 0) {
    report(
      ctx,
      parent === 'rice' ? 'rice-reach-range' : 'score-range',
      `'${path.join('.')}' is ${number}; it cannot be negative.`,
      path,
      'value',
      { replacement: 0 },
    );
    return undefined;
  }
  return number;
}

function validatePositive(ctx: Context, path: Path, value: unknown, parent: string): number | undefined {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined && number <= 0) {
    report(
      ctx,
      parent === 'rice' ? 'rice-effort-range' : 'score-range',
      `'${path.join('.')}' is ${number}; it must be above 0${parent === 'rice' ? ' person-months' : ''}.`,
      path,
    );
    return undefined;
  }
  return number;
}

function validateScale10(ctx: Context, path: Path, value: unknown): number | undefined {
  const number = expectNumber(ctx, path, value);
  if (number !== undefined && (number < 1 || number > 10)) {
    report(
      ctx,
      'score-range',
      `'${path.join('.')}' is ${number}; ICE inputs run from 1 to 10.`,
      path,
      'value',
      {
        replacement: Math.min(10, Math.max(1, number)),
      },
    );
    return undefined;
  }
  return number;
}

function validateNumberKind(
  ctx: Context,
  spec: FieldSpec,
  path: Path,
  value: unknown,
  parent: string,
): number | undefined {
  switch (spec.kind) {
    case 'impactTier':
      return validateImpactTier(ctx, path, value);
    case 'confidence':
      return validateConfidence(ctx, path, value);
    case 'nonNegativeNumber':
      return validateNonNegative(ctx, path, value, parent);
    case 'positiveNumber':
      return validatePositive(ctx, path, value, parent);
    case 'scale10':
      return validateScale10(ctx, path, value);
    default:
      return expectNumber(ctx, path, value);
  }
}

function findChild(children: readonly FieldSpec[], key: string): FieldSpec | undefined {
  for (let i = 0; i < children.length; i++) if (children[i].name === key) return children[i];
  return undefined;
}

function reportUnknownChild(
  ctx: Context,
  spec: FieldSpec,
  children: readonly FieldSpec[],
  path: Path,
  key: string,
) {
  const suggestions = didYouMean(
    key,
    children.map((candidate) => candidate.name),
  );
  report(
    ctx,
    'unknown-field',
    `'${spec.name}' has no field '${key}'${suggestions.length ? `: did you mean '${suggestions[0]}'?` : ` (it takes ${children.map((c) => c.name).join(', ')})`}`,
    [...path, key],
    'key',
    {
      suggestions,
    },
  );
}

function reportIncompleteObject(
  ctx: Context,
  spec: FieldSpec,
  children: readonly FieldSpec[],
  entries: Record<string, unknown>,
  path: Path,
): void {
  const missing = children.filter(
    (child) =>
      entries[child.name] === undefined && !(spec.name === 'wsjf' && child.name === 'risk_reduction'),
  );
  if (missing.length > 0 && missing.length < children.length) {
    for (const child of missing) {
      report(
        ctx,
        'missing-field',
        `'${spec.name}' is incomplete: add '${child.name}' (${child.description})`,
        path,
        'key',
        { field: `${spec.name}.${child.name}` },
      );
    }
  }
}

export function validateObject(ctx: Context, spec: FieldSpec, path: Path, value: unknown): void {
  if (value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) {
    report(
      ctx,
      'invalid-type',
      `'${spec.name}' must be a mapping such as ${spec.example}, not ${describe(value)}.`,
      path,
    );
    return;
  }
  const children = spec.children ?? [];
  const result: Record<string, number> = {};
  const entries = value as Record<string, unknown>;
  const entryKeys = Object.keys(entries);
  for (let i = 0; i < entryKeys.length; i++) {
    const key = entryKeys[i];
    const child = findChild(children, key);
    if (!child) {
      reportUnknownChild(ctx, spec, children, path, key);
      continue;
    }
    const number = validateNumberKind(ctx, child, [...path, key], entries[key], spec.name);
    if (number !== undefined) result[key] = number;
  }
  let missing = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (entries[child.name] === undefined && !(spec.name === 'wsjf' && child.name === 'risk_reduction'))
      missing++;
  }
  if (missing > 0 && missing < children.length) reportIncompleteObject(ctx, spec, children, entries, path);
  (ctx.feature as unknown as Record<string, unknown>)[spec.name] = result;
}
