// The model's wire format between the extension host and the panel: a lossless round trip, smaller than the
// model as JSON, and bytes that are not such a model decode to nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decodeFeatures,
  decodeModel,
  encodeFeatures,
  encodeModel,
  firstPartFeatures,
  joinParts,
  partFeatures,
  partStride,
  wholeModelFeatures,
} from '../../src/shared/modelWire';
import type { FeatureView, RoadmapModel } from '../../src/shared/protocol';

const feature = (n: number, extra: Partial<FeatureView> = {}): FeatureView => ({
  file: `roadmap/f-${n}.md`,
  revision: `r${n}-1`,
  id: `F-${n}`,
  title: `Feature ${n} “quoted”, with a \\ and ⚠`,
  status: 'planned',
  dependsOn: n > 1 ? [`F-${n - 1}`] : [],
  tags: [],
  problems: { errors: 0, warnings: n % 2 },
  ...extra,
});

const model: RoadmapModel = {
  features: [
    feature(1, { moscow: 'must', score: 12.5, rank: 1, start: '2026-01-05', end: '2026-02-01' }),
    feature(2, { owner: 'ana', progress: 0 }),
    feature(3),
    feature(4, { team: 'core', milestone: 'M1', tasks: { done: 1, total: 3 } }),
  ],
  statuses: [{ id: 'planned', title: 'Planned', category: 'todo' }],
  milestones: [{ id: 'M1', title: 'One', date: '2026-03-01' }],
  goals: [],
  scoringModel: 'rice',
  mustBudget: 0.6,
  today: '2026-01-15',
  uses: { moscow: true, scoring: true },
  needsRepair: [{ file: 'roadmap/broken.md', message: 'The front-matter does not parse.' }],
};

describe('the model on the wire', () => {
  test('decodes to exactly the model it encoded, zeros and empty lists included', () => {
    assert.deepEqual(decodeModel(encodeModel(model)), model);
  });

  test('is smaller than the model as JSON once there are many features', () => {
    const many = {
      ...model,
      features: Array.from({ length: 500 }, (_, i) => feature(i + 1, { owner: 'o' })),
    };
    const wire = encodeModel(many).length;
    const plain = new TextEncoder().encode(JSON.stringify(many)).length;
    assert.ok(wire < plain * 0.75, `${wire} bytes against ${plain}`);
    assert.deepEqual(decodeModel(encodeModel(many)), many);
  });

  test('bytes that are not an encoded model decode to nothing', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    assert.equal(decodeModel(bytes('not json')), undefined);
    assert.equal(decodeModel(bytes('null')), undefined);
    assert.equal(decodeModel(bytes('{"features":[]}')), undefined);
    assert.equal(decodeModel(bytes('{"featureKeys":[1],"featureRows":[]}')), undefined);
    assert.equal(decodeModel(bytes('{"featureKeys":["__proto__"],"featureRows":[[{}]]}')), undefined);
    assert.equal(decodeModel(new Uint8Array([0xff, 0xfe, 0x00])), undefined);
  });
});

describe('a large model in parts', () => {
  const large = (count: number): RoadmapModel => ({
    ...model,
    features: Array.from({ length: count }, (_, i) => feature(i + 1, i % 7 === 0 ? { owner: 'o' } : {})),
  });

  test('a model of up to wholeModelFeatures goes whole', () => {
    assert.equal(partStride(wholeModelFeatures), 1);
    assert.equal(partStride(0), 1);
  });

  for (const count of [wholeModelFeatures + 1, 10_000, 10_007]) {
    test(`${count} features: a first part of at most ${firstPartFeatures}, and the parts join to the model`, () => {
      const whole = large(count);
      const stride = partStride(count);
      const parts = Array.from({ length: stride }, (_, residue) =>
        partFeatures(whole.features, stride, residue),
      );
      assert.ok(parts[0]!.length <= firstPartFeatures);
      // Every stride-th feature, so the first screen samples the whole roadmap.
      assert.deepEqual(
        parts[0],
        whole.features.filter((_, i) => i % stride === 0),
      );
      // As the webview receives them: the first part with the model, then each part's features as bytes.
      const first = decodeModel(encodeModel({ ...whole, features: parts[0]! })) as RoadmapModel;
      assert.deepEqual({ ...first, features: [] }, { ...whole, features: [] });
      const rest = parts.slice(1).map((part) => decodeFeatures(encodeFeatures(part)) as FeatureView[]);
      assert.deepEqual(joinParts([first.features, ...rest]), whole.features);
    });
  }

  test('slices that are not the residues of one list do not join', () => {
    const features = large(2500).features;
    const [zero, one, two] = [0, 1, 2].map((residue) => partFeatures(features, 3, residue));
    assert.deepEqual(joinParts([zero!, one!, two!]), features);
    assert.equal(joinParts([zero!, one!, []]), undefined, 'a part missing');
    assert.equal(joinParts([zero!, two!, one!.slice(1)]), undefined, 'a part short');
    assert.equal(joinParts([zero!, one!, [...two!, ...two!]]), undefined, 'a part too long');
  });

  test('bytes that are not encoded features decode to nothing', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    assert.equal(decodeFeatures(bytes('[]')), undefined);
    assert.equal(decodeFeatures(bytes('{"featureKeys":["__proto__"],"featureRows":[]}')), undefined);
    assert.equal(decodeFeatures(bytes('{"featureKeys":["id"]}')), undefined);
    assert.deepEqual(decodeFeatures(bytes('{"featureKeys":["id"],"featureRows":[["F-1"],[null]]}')), [
      { id: 'F-1' },
      {},
    ]);
  });
});
