// The commands of package.json, one small handler each, grouped in files by what they act on. Every prompt
// can be answered by an argument, so the integration tests (and keybindings) run them without UI; without
// arguments they ask. To add a command: its id in commandIds.ts and package.json, its handler in the file of
// its family (or a new file whose table is spread below); the `Record<CommandId, …>` type fails the build
// until every id has exactly one handler.
import * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import type { RoadmapServices } from '../services';
import type { RoadmapTree } from '../tree';
import { exportCommands } from './exportCommands';
import { featureCommands } from './featureCommands';
import { treeCommands } from './treeCommands';
import { workspaceCommands } from './workspaceCommands';

/** Arguments come from VS Code (tree nodes), keybindings or tests: each handler checks what it gets. */
export type CommandHandler = (...args: unknown[]) => unknown;

export function registerCommands(services: RoadmapServices, tree: RoadmapTree): void {
  const handlers: Record<CommandId, CommandHandler> = {
    ...workspaceCommands(services),
    ...featureCommands(services),
    ...exportCommands(services),
    ...treeCommands(tree),
  };
  for (const [id, handler] of Object.entries(handlers)) {
    services.context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
