// The commands of package.json, one small handler each, grouped in files by what they act on. Every prompt
// can be answered by an argument, so the integration tests (and keybindings) run them without UI; without
// arguments they ask. To add a command: its id in commandIds.ts and package.json, its handler in the file of
// its family (or a new file whose table is spread in commandHandlers.ts).
//
// Every id is registered at activation; the handlers are a side bundle loaded on the first call (./lazy.ts).
import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import { onFirstUse } from '../lazy';
import type { RoadmapServices } from '../services';
import type { RoadmapTree } from '../tree';

export function registerCommands(services: RoadmapServices, tree: RoadmapTree): void {
  const handlers = onFirstUse(async () =>
    (await import('./commandHandlers')).commandHandlers(services, tree),
  );
  for (const id of Object.values(commandIds)) {
    services.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => (await handlers())[id](...args)),
    );
  }
}
