// Which front-matter path is at an offset, for hovers and links over text that parses. It reads the `yaml`
// document the index's FrontmatterLocator already keeps (with source ranges), so positions agree with the
// spans of diagnostics.
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { FeatureFile } from '../featureFile';
import { FrontmatterLocator } from '../frontmatter';
import type { Span } from '../types';

/** The positioned `yaml` document of a parsed feature file, built once and cached on it (as `locate` does). */
export function frontmatterDocument(parsed: FeatureFile): Document.Parsed | undefined {
  if (parsed.split.kind !== 'closed' || parsed.yamlText === undefined) return undefined;
  parsed.locator ??= new FrontmatterLocator(parsed.yamlText, parsed.split.yamlStart);
  return parsed.locator.getDocument();
}

export interface PathHit {
  /** Written keys and list indexes from the top level: ['rice', 'impact'], ['depends_on', 1]. */
  path: (string | number)[];
  on: 'key' | 'value';
  /** The key's or the scalar value's span in the file's full text. */
  span: Span;
  /** The scalar's value, when the hit is on a scalar value. */
  value?: unknown;
}

/** The key or scalar value under `offset` (an offset right after a word counts as on it, as editors expect). */
export function pathAt(parsed: FeatureFile, offset: number): PathHit | undefined {
  const document = frontmatterDocument(parsed);
  if (!document || parsed.split.kind !== 'closed') return undefined;
  const base = parsed.split.yamlStart;
  const spanOf = (node: YamlNode): Span | undefined =>
    node.range ? { start: base + node.range[0], end: base + node.range[1] } : undefined;
  const contains = (span: Span | undefined) => !!span && offset >= span.start && offset <= span.end;
  const path: (string | number)[] = [];
  let node: unknown = document.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((item) => {
        if (!isScalar(item.key)) return false;
        const keySpan = spanOf(item.key);
        const valueSpan = item.value ? spanOf(item.value as YamlNode) : undefined;
        return contains(keySpan) || contains(valueSpan);
      });
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      const keySpan = spanOf(pair.key)!;
      if (contains(keySpan)) return { path, on: 'key', span: keySpan };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(spanOf(item as YamlNode)));
      if (index === -1) return undefined;
      path.push(index);
      node = node.items[index];
    } else if (isScalar(node)) {
      const span = spanOf(node);
      return span ? { path, on: 'value', span, value: node.value } : undefined;
    } else {
      return undefined;
    }
  }
}
