// The roadmap model as the host sends it to the panel: UTF-8 JSON bytes, with the features as rows of one
// table (their keys once, not once per feature). At 10,000 features the keys were 40% of a 4.7 MB message,
// which VS Code copies at every hop between the extension host and the webview; bytes are copied as they are,
// where an object would be serialised, escaped and parsed again. The webview validates the decoded model as
// it would any other (isHostMessage), so a malformed message decodes to something that is refused.
//
// A large model goes in parts (see partStride): the model with a sample of its features, then the others as
// tables of their own (encodeFeatures), so that the panel draws its first screen from a message a twentieth
// of the size (at 10,000 features), before the rest is copied and decoded.
import type { FeatureView, RoadmapModel } from './protocol';

interface FeatureTable {
  featureKeys: string[];
  /** One row per feature: its values in `featureKeys` order; a key it does not have is null. */
  featureRows: unknown[][];
}

type WireModel = Omit<RoadmapModel, 'features'> & FeatureTable;

function featureTable(features: readonly FeatureView[]): FeatureTable {
  const keys: string[] = [];
  const columns = new Map<string, number>();
  const featureRows = features.map((feature) => {
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
  return { featureKeys: keys, featureRows };
}

export function encodeModel(model: RoadmapModel): Uint8Array {
  const { features, ...rest } = model;
  const wire: WireModel = { ...rest, ...featureTable(features) };
  return new TextEncoder().encode(JSON.stringify(wire));
}

/** Features that follow a model sent in parts: the same table as in encodeModel, alone. */
export function encodeFeatures(features: readonly FeatureView[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(featureTable(features)));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseObject(bytes: Uint8Array | ArrayBuffer): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/** The features of a table, not yet validated; undefined when it is not such a table. */
function tableFeatures(keys: unknown, rows: unknown): unknown[] | undefined {
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string' && key !== '__proto__'))
    return undefined;
  if (!Array.isArray(rows)) return undefined;
  const names = keys as string[];
  // Plain loops: at 10,000 rows this is most of the panel's decoding time.
  const features = new Array<unknown>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) {
      features[i] = row;
      continue;
    }
    const feature: Record<string, unknown> = {};
    const width = Math.min(row.length, names.length);
    for (let column = 0; column < width; column++) {
      const value: unknown = row[column];
      if (value !== null) feature[names[column]] = value;
    }
    features[i] = feature;
  }
  return features;
}

/** The model encoded by encodeModel, not yet validated; undefined when the bytes are not such a model. */
export function decodeModel(bytes: Uint8Array | ArrayBuffer): unknown {
  const parsed = parseObject(bytes);
  if (!parsed) return undefined;
  const { featureKeys, featureRows, ...rest } = parsed;
  const features = tableFeatures(featureKeys, featureRows);
  return features && { ...rest, features };
}

/** The features encoded by encodeFeatures, not yet validated; undefined when the bytes are not such a table. */
export function decodeFeatures(bytes: Uint8Array | ArrayBuffer): unknown[] | undefined {
  const parsed = parseObject(bytes);
  return parsed && tableFeatures(parsed.featureKeys, parsed.featureRows);
}

/**
 * A large model is sent in parts: part r holds the features at indexes r, r + stride, r + 2 × stride…, and
 * the first part (r = 0) comes with the rest of the model. The first screen of any view is then drawn from a
 * sample of the whole roadmap (every lane, column and date range it has), not from the files that happen to
 * come first.
 */
export const firstPartFeatures = 500;
/**
 * A model of up to this many features goes whole. The first part is small because each of its steps (build,
 * encode, copy, decode, draw) is on the way to the first screen, and a screen of any view is full with it: at
 * 10,000 features in the real VS Code, two pairs of runs under load drew a sample of 500 in 0.44 and 0.47 s
 * against 0.80 and 1.03 s for 1,000.
 */
export const wholeModelFeatures = 2000;

/** The stride of a model of `count` features in parts: 1 when it goes whole. */
export function partStride(count: number): number {
  return count <= wholeModelFeatures ? 1 : Math.ceil(count / firstPartFeatures);
}

/** The features of part `residue` of a model in parts of `stride`. */
export function partFeatures<T>(features: readonly T[], stride: number, residue: number): T[] {
  const part: T[] = [];
  for (let i = residue; i < features.length; i += stride) part.push(features[i]);
  return part;
}

/**
 * The model's features from the parts' (slices[r]: the part of residue r), in model order: the inverse of
 * partFeatures. Undefined when the slices are not the residues of one list.
 */
export function joinParts(slices: readonly (readonly FeatureView[])[]): FeatureView[] | undefined {
  const stride = slices.length;
  const total = slices.reduce((sum, slice) => sum + slice.length, 0);
  if (!slices.every((slice, r) => slice.length === Math.ceil((total - r) / stride))) return undefined;
  const features = new Array<FeatureView>(total);
  slices.forEach((slice, r) => slice.forEach((feature, j) => (features[j * stride + r] = feature)));
  return features;
}
