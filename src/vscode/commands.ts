// PLACEHOLDER: replaced by the command implementations.
import type { RoadmapServices } from './services';
import type { RoadmapTree } from './tree';

export function registerCommands(services: RoadmapServices, tree: RoadmapTree): void {
  void services;
  void tree;
}
