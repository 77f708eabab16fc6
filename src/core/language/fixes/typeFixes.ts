// Quick fixes for `invalid-type`: what the field takes (text, a number, a list, a confidence...) decides the fix.
import { isMap, isScalar, isSeq, Scalar, type Node as YamlNode } from 'yaml';
import { canonicalField, type RoadmapConfig } from '../../config';
import { applyEdits, formatScalar, setField } from '../../edits';
import { splitFrontmatter } from '../../fences';
import { parseYamlFast } from '../../frontmatter';
import { confidenceRubric, featureFieldByName, type FieldKind } from '../../schema';
import type { Issue, TextEdit } from '../../types';
import {
  asFieldPath,
  type Fix,
  type FixContext,
  frontOf,
  nodeAt,
  removalFallback,
  removeListItem,
  replaceScalar,
  validSpan,
} from './fixKit';
import { looseNumber } from './looseValues';

type Expected =
  'text' | 'number' | 'integer' | 'confidence' | 'boolean' | 'list' | 'evidence' | 'object' | 'entry';

function expectationOf(kind: FieldKind): Expected | undefined {
  switch (kind) {
    case 'id':
    case 'text':
    case 'status':
    case 'enum':
    case 'milestone':
    case 'goal':
    case 'quarter':
    case 'people':
      return 'text';
    case 'number':
    case 'positiveNumber':
    case 'nonNegativeNumber':
    case 'impactTier':
    case 'scale10':
    case 'percent':
      return 'number';
    case 'confidence':
      return 'confidence';
    case 'idList':
    case 'textList':
      return 'list';
    case 'evidence':
      return 'evidence';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** The field a written key stands for: itself, or what the config makes it an alias of. */
function canonicalName(key: string, config: RoadmapConfig): string {
  return canonicalField(config.aliases, key);
}

/** What the value at a front-matter path must be, from the schema or the config's custom fields. */
export function expectedAt(path: readonly (string | number)[], config: RoadmapConfig): Expected | undefined {
  const key = path[0];
  if (typeof key !== 'string') return undefined;
  const name = canonicalName(key, config);
  const spec = featureFieldByName.get(name);
  if (path.length >= 2) {
    if (typeof path[1] === 'number') return 'entry';
    const child = spec?.children?.find((candidate) => candidate.name === path[1]);
    return child ? expectationOf(child.kind) : undefined;
  }
  if (spec) return expectationOf(spec.kind);
  const custom = Object.hasOwn(config.fields, name) ? config.fields[name] : undefined;
  const byType: Partial<Record<string, Expected>> = {
    string: 'text',
    number: 'number',
    integer: 'integer',
    boolean: 'boolean',
    list: 'list',
  };
  return custom ? byType[custom.type] : undefined;
}

export function invalidTypeFixes(issue: Issue, text: string, context: FixContext): Fix[] {
  const path = issue.data?.path ?? [];
  const front = frontOf(text);
  const node = front ? nodeAt(front, path) : undefined;
  const expected = expectedAt(path, context.config);
  if (expected === 'entry') {
    // A depends_on, tags or evidence entry that is not an id, text or link: it goes. Obviously so when empty.
    const removal =
      typeof path[0] === 'string' && typeof path[1] === 'number'
        ? removeListItem(text, path[0], path[1])
        : undefined;
    const evidence =
      featureFieldByName.get(canonicalName(String(path[0]), context.config))?.kind === 'evidence';
    return removal
      ? [
          {
            title: evidence ? 'Remove this evidence entry' : 'Remove this entry',
            edits: [removal],
            preferred: node === null || (isScalar(node) && node.value === null),
          },
        ]
      : [];
  }
  if (!node || !validSpan(text, issue.span) || !front) return removalFallback(issue, text, context);
  let fixes: Fix[] = [];
  switch (expected) {
    case 'text':
      fixes = textFixes(issue, text, node, path);
      break;
    case 'number':
    case 'integer':
      fixes = numberFixes(issue, text, node, path, expected === 'integer');
      break;
    case 'confidence':
      fixes = confidenceFixes(issue, text, node);
      break;
    case 'boolean':
      fixes = booleanFixes(issue, node);
      break;
    case 'list':
    case 'evidence':
      fixes = listFixes(issue, text, node, expected === 'evidence');
      break;
    default:
      break;
  }
  return fixes.length > 0 ? fixes : removalFallback(issue, text, context);
}

/** A number or true/false where text belongs: the same characters, quoted, so they are text. */
function textFixes(issue: Issue, text: string, node: YamlNode, path: readonly (string | number)[]): Fix[] {
  if (isScalar(node) && node.value !== null) {
    const quoted = formatScalar(text.slice(issue.span.start, issue.span.end).trim(), Scalar.QUOTE_DOUBLE);
    return [{ title: `Quote it: ${quoted}`, edits: [{ ...issue.span, newText: quoted }], preferred: true }];
  }
  return firstItemFix(text, node, path, (item) =>
    isScalar(item) && item.value !== null ? String(item.value) : undefined,
  );
}

function numberFixes(
  issue: Issue,
  text: string,
  node: YamlNode,
  path: readonly (string | number)[],
  integer: boolean,
): Fix[] {
  const numberIn = (item: unknown): { value: number; exact: boolean } | undefined => {
    if (!isScalar(item)) return undefined;
    if (typeof item.value === 'number' && Number.isFinite(item.value))
      return { value: item.value, exact: true };
    return typeof item.value === 'string' ? looseNumber(item.value) : undefined;
  };
  if (isScalar(node)) {
    const number = numberIn(node);
    if (!number) return [];
    if (integer && !Number.isInteger(number.value)) {
      const rounded = Math.round(number.value);
      return [
        {
          title: `Change to ${rounded}`,
          edits: [{ ...issue.span, newText: String(rounded) }],
          preferred: false,
        },
      ];
    }
    // A plain number replaces the whole value, quotes included: quoted, it would still be text.
    return [
      {
        title: `Change to ${number.value}`,
        edits: [{ ...issue.span, newText: String(number.value) }],
        preferred: number.exact,
      },
    ];
  }
  return firstItemFix(text, node, path, (item) => {
    const number = numberIn(item);
    return number?.exact && (!integer || Number.isInteger(number.value)) ? number.value : undefined;
  });
}

/** A list where one value belongs: its first item, when that item is a usable value. */
function firstItemFix(
  text: string,
  node: YamlNode,
  path: readonly (string | number)[],
  valueOf: (item: unknown) => string | number | undefined,
): Fix[] {
  const field = asFieldPath(path);
  if (!isSeq(node) || node.items.length === 0 || !field) return [];
  const value = valueOf(node.items[0]);
  if (value === undefined) return [];
  const result = setField(text, field, value);
  if (!result.ok || result.edits.length === 0) return [];
  return [
    {
      title: `Use the first item: ${formatScalar(value)}`,
      edits: result.edits,
      // With one item nothing is lost; with more, which one to keep is the author's call.
      preferred: node.items.length === 1,
    },
  ];
}

function confidenceFixes(issue: Issue, text: string, node: YamlNode): Fix[] {
  const written = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  if (written !== undefined) {
    // The rubric's own words: High, Medium, Low.
    const tier = confidenceRubric.find((entry) => entry.label.toLowerCase() === written.toLowerCase());
    const number = /^(\d+(?:\.\d+)?)\s*(%|percent|per\s*cent|pct)?$/i.exec(written);
    const percent = tier
      ? tier.value
      : number
        ? Number(number[1]) <= 1 && !number[2]
          ? Number(number[1]) * 100
          : Number(number[1])
        : undefined;
    if (percent !== undefined && percent > 0 && percent <= 100)
      return [
        {
          title: `Change to ${percent}%`,
          edits: [replaceScalar(text, issue.span, `${percent}%`)],
          preferred: true,
        },
      ];
  }
  return confidenceRubric.map((tier) => ({
    title: `Change to ${tier.value}% (${tier.label})`,
    edits: [{ ...issue.span, newText: `${tier.value}%` }],
    preferred: false,
  }));
}

function booleanFixes(issue: Issue, node: YamlNode): Fix[] {
  if (!isScalar(node)) return [];
  const written = String(node.value).trim().toLowerCase();
  const value = /^(?:true|yes|y|on)$/.test(written)
    ? true
    : /^(?:false|no|n|off)$/.test(written)
      ? false
      : undefined;
  if (value !== undefined)
    return [
      { title: `Change to ${value}`, edits: [{ ...issue.span, newText: String(value) }], preferred: true },
    ];
  if (written === '1' || written === '0')
    return [
      {
        title: `Change to ${written === '1'}`,
        edits: [{ ...issue.span, newText: String(written === '1') }],
        preferred: false,
      },
    ];
  return [];
}

/** A bare value where a list belongs becomes a one-line list; a single evidence mapping becomes its entry. */
function listFixes(issue: Issue, text: string, node: YamlNode, evidence: boolean): Fix[] {
  const raw = text.slice(issue.span.start, issue.span.end);
  const parses = (edits: TextEdit[]) => {
    const after = applyEdits(text, edits);
    const split = splitFrontmatter(after);
    return split.kind === 'closed' && parseYamlFast(after.slice(split.yamlStart, split.yamlEnd)).ok;
  };
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) {
    // The value as written, in brackets (so `F-1, F-2` becomes two items); quoted when brackets would break it.
    for (const wrapped of [`[${raw.trim()}]`, `[${formatScalar(String(node.value), Scalar.QUOTE_DOUBLE)}]`]) {
      const edits = [{ ...issue.span, newText: wrapped }];
      if (parses(edits)) return [{ title: `Make it a list: ${wrapped}`, edits, preferred: true }];
    }
    return [];
  }
  if (evidence && isMap(node)) {
    let edits: TextEdit[];
    if (node.flow) {
      edits = [{ ...issue.span, newText: `[${raw}]` }];
    } else {
      // A block mapping: `- ` before its first key, and its other lines two columns further in.
      edits = [{ start: issue.span.start, end: issue.span.start, newText: '- ' }];
      for (
        let at = text.indexOf('\n', issue.span.start);
        at !== -1 && at + 1 < issue.span.end;
        at = text.indexOf('\n', at + 1)
      )
        if (text.slice(at + 1, issue.span.end).trim() !== '')
          edits.push({ start: at + 1, end: at + 1, newText: '  ' });
    }
    if (parses(edits)) return [{ title: 'Make it a list item', edits, preferred: true }];
  }
  return [];
}
