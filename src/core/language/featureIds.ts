// Feature ids where they are written: the `id:` value (the definition) and every `depends_on` entry (a
// reference). Go to definition, find references, document links and rename all read these spans, which come
// from the same positioned `yaml` document as the diagnostics.
import { isMap, isScalar, isSeq, Scalar, type Node as YamlNode, type Pair } from 'yaml';
import { defaultConfig } from '../config';
import { formatScalar } from '../edits';
import { parseFeatureFile, type FeatureFile } from '../featureFile';
import type { Span, TextEdit } from '../types';
import { frontmatterDocument } from './yamlPath';

export interface IdOccurrence {
  id: string;
  role: 'definition' | 'reference';
  /** The scalar as written, quotes included (what a rename replaces). */
  span: Span;
  /** The id's characters alone, quotes excluded (what a link underlines). */
  inner: Span;
  quote: Scalar.Type | undefined;
}

function topPair(parsed: FeatureFile, key: string): Pair | undefined {
  const contents = frontmatterDocument(parsed)?.contents;
  if (!isMap(contents)) return undefined;
  return (contents.items as Pair[]).find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

function occurrence(
  parsed: FeatureFile,
  node: YamlNode,
  role: IdOccurrence['role'],
): IdOccurrence | undefined {
  if (!isScalar(node) || !node.range || parsed.split.kind !== 'closed') return undefined;
  if (typeof node.value !== 'string' && typeof node.value !== 'number') return undefined;
  const base = parsed.split.yamlStart;
  const span = { start: base + node.range[0], end: base + node.range[1] };
  const quoted = node.type === Scalar.QUOTE_SINGLE || node.type === Scalar.QUOTE_DOUBLE;
  const inner = quoted ? { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) } : span;
  return { id: String(node.value), role, span, inner, quote: node.type };
}

/** The file's own id (its `id:` value), if written as a scalar. */
export function definitionOf(parsed: FeatureFile): IdOccurrence | undefined {
  if (!parsed.feature?.id) return undefined;
  const pair = topPair(parsed, parsed.keys.id ?? 'id');
  return pair?.value ? occurrence(parsed, pair.value as YamlNode, 'definition') : undefined;
}

/** Every `depends_on` entry written as a scalar, in order. */
export function referencesOf(parsed: FeatureFile): IdOccurrence[] {
  if (!parsed.feature || parsed.feature.dependsOn.length === 0) return [];
  const pair = topPair(parsed, parsed.keys.depends_on ?? 'depends_on');
  if (!pair || !isSeq(pair.value)) return [];
  return pair.value.items
    .map((item) => occurrence(parsed, item as YamlNode, 'reference'))
    .filter((found): found is IdOccurrence => found !== undefined);
}

/** The definition and references in one file. */
export function idOccurrences(parsed: FeatureFile): IdOccurrence[] {
  const definition = definitionOf(parsed);
  return definition ? [definition, ...referencesOf(parsed)] : referencesOf(parsed);
}

/** The id occurrence under the cursor (an offset right after the id counts, as editors expect). */
export function idAt(parsed: FeatureFile, offset: number): IdOccurrence | undefined {
  return idOccurrences(parsed).find((found) => offset >= found.span.start && offset <= found.span.end);
}

/**
 * Whether a file mentions an id, from the fast parse: lets references and rename skip the positioned parse
 * of every file that cannot contain the id.
 */
export function mentionsId(parsed: FeatureFile, id: string): boolean {
  return parsed.feature?.id === id || !!parsed.feature?.dependsOn.includes(id);
}

/** The edits that rename an id in one file: its definition and its references, each keeping its quotes. */
export function renameEditsIn(parsed: FeatureFile, from: string, to: string): TextEdit[] {
  if (!mentionsId(parsed, from)) return [];
  return idOccurrences(parsed)
    .filter((found) => found.id === from)
    .map((found) => ({
      start: found.span.start,
      end: found.span.end,
      newText: formatScalar(to, found.quote),
    }));
}

/**
 * Why a string cannot be an id, or undefined when it can. Asks the validator itself (with default rule
 * severities), so rename accepts exactly the ids validation accepts.
 */
export function idProblem(id: string): string | undefined {
  if (id.trim() === '') return 'An id cannot be empty.';
  const parsed = parseFeatureFile('rename-check.md', `---\nid: ${formatScalar(id)}\n---\n`, defaultConfig());
  const problem = parsed.issues.find(
    (issue) => issue.code === 'invalid-id' || issue.code === 'invalid-type' || issue.code === 'yaml-syntax',
  );
  if (problem) return problem.message;
  return parsed.feature?.id === id
    ? undefined
    : `'${id}' does not read back as the same id in YAML; choose another.`;
}
