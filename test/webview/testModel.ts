// The model the browser tests draw: the example roadmap (examples/roadmap) through the real core, with a
// fixed "today" in the middle of its second milestone so Now / Next / Later and the today line are stable.
// For a self-contained run, `return syntheticModel(48);` (./syntheticModel) is a drop-in replacement.
import { resolve } from 'node:path';
import { indexFolder } from '../../src/cli/nodeWorkspace';
import { buildRoadmapModel } from '../../src/core/viewModel';
import type { RoadmapModel } from '../../src/shared/protocol';

export const exampleToday = '2026-11-15';

export async function loadTestModel(): Promise<RoadmapModel> {
  const index = await indexFolder(resolve(__dirname, '../../examples/roadmap'));
  return buildRoadmapModel(index, exampleToday);
}
