// Every command's handler, a side bundle (dist/lazy/commands.js) loaded the first time a command runs: the
// new-feature wizard, the exports, publishing, the config wizard and the rest need not be parsed at activation
// (registerCommands.ts registers the ids). The `Record<CommandId, …>` type fails the build until every id
// has exactly one handler.
import type { CommandId } from '../commandIds';
import type { RoadmapServices } from '../services';
import type { RoadmapTree } from '../tree';
import { exportCommands } from './exportCommands';
import { featureCommands } from './featureCommands';
import { treeCommands } from './treeCommands';
import { workspaceCommands } from './workspaceCommands';

/** Arguments come from VS Code (tree nodes), keybindings or tests: each handler checks what it gets. */
export type CommandHandler = (...args: unknown[]) => unknown;

export function commandHandlers(
  services: RoadmapServices,
  tree: RoadmapTree,
): Record<CommandId, CommandHandler> {
  return {
    ...workspaceCommands(services),
    ...featureCommands(services),
    ...exportCommands(services),
    ...treeCommands(tree),
  };
}
