// Commands about the whole workspace rather than one feature: open the panel, validate, re-index, the log,
// set up the MCP server, write a config inferred from the files.
import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import { initializeConfiguration, type InitConfigArgs } from '../initConfig';
import { addMcpServerToWorkspace } from '../mcpSetup';
import type { RoadmapServices } from '../services';
import type { CommandHandler } from './registerCommands';

export function workspaceCommands(services: RoadmapServices) {
  return {
    [commandIds.openRoadmap]: () => services.panel.open(),
    [commandIds.validateWorkspace]: () => validateWorkspace(services),
    [commandIds.refresh]: () => services.service.refresh(),
    [commandIds.showLog]: () => services.log.show(),
    [commandIds.addMcpServer]: (folder) =>
      addMcpServerToWorkspace(services, folder instanceof vscode.Uri ? folder : undefined),
    [commandIds.initConfig]: (args) => initializeConfiguration(services, (args ?? {}) as InitConfigArgs),
  } satisfies Record<string, CommandHandler>;
}

async function validateWorkspace(services: RoadmapServices): Promise<number> {
  const count = await services.diagnostics.validateWorkspace();
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  return count;
}
