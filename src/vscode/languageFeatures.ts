// PLACEHOLDER: replaced by completion, hover, code actions, code lens, links and rename.
import type { RoadmapServices } from './services';

export function registerLanguageFeatures(services: RoadmapServices): void {
  void services;
}
