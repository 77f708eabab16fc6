// The roadmap model as the host sends it to the panel: UTF-8 JSON bytes, with the features as rows of one
// table (their keys once, not once per feature). At 10,000 features the keys were 40% of a 4.7 MB message,
// which VS Code copies at every hop between the extension host and the webview; bytes are copied as they are,
// where an object would be serialised, escaped and parsed again. The webview validates the decoded model as
// it would any other (isHostMessage), so a malformed message decodes to something that is refused.
import type { FeatureView, RoadmapModel } from './protocol';

interface WireModel extends Omit<RoadmapModel, 'features'> {
  featureKeys: string[];
  /** One row per feature: its values in `featureKeys` order; a key it does not have is null. */
  featureRows: unknown[][];
}

export function encodeModel(model: RoadmapModel): Uint8Array {
  const keys: string[] = [];
  const columns = new Map<string, number>();
  const featureRows = model.features.map((feature) => {
    const row: unknown[] = [];
    for (const [key, value] of Object.entries(feature)) {
      if (value === undefined) continue;
      let column = columns.get(key);
      if (column === undefined) {
        column = keys.length;
        keys.push(key);
        columns.set(key, column);
      }
      row[column] = value;
    }
    // Holes become null in JSON: the decoder leaves those keys out.
    return row;
  });
  const { features: _features, ...rest } = model;
  const wire: WireModel = { ...rest, featureKeys: keys, featureRows };
  return new TextEncoder().encode(JSON.stringify(wire));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The model encoded by encodeModel, not yet validated; undefined when the bytes are not such a model. */
export function decodeModel(bytes: Uint8Array | ArrayBuffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { featureKeys: keys, featureRows: rows, ...rest } = parsed as Partial<WireModel>;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string' && key !== '__proto__'))
    return undefined;
  if (!Array.isArray(rows)) return undefined;
  const features = rows.map((row) => {
    if (!Array.isArray(row)) return row;
    const feature: Record<string, unknown> = {};
    row.forEach((value: unknown, column) => {
      if (value !== null && column < keys.length) feature[keys[column]] = value;
    });
    return feature as unknown as FeatureView;
  });
  return { ...rest, features };
}
