// Commands about the whole workspace rather than one feature: open the panel, validate, re-index, the log,
// set up the MCP server, write a config inferred from the files, open a saved view, copy the CI workflow.
import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import { initializeConfiguration, type InitConfigArgs } from '../initConfig';
import { addMcpServerToWorkspace } from '../mcpSetup';
import type { RoadmapServices } from '../services';
import type { CommandHandler } from './commandHandlers';
import { copyCiWorkflow, openSavedView } from './savedViewCommands';

export function workspaceCommands(services: RoadmapServices) {
  return {
    [commandIds.openRoadmap]: () => services.panel.open(),
    [commandIds.validateWorkspace]: () => validateWorkspace(services),
    [commandIds.refresh]: () => services.service.refresh(),
    [commandIds.showLog]: () => services.log.show(),
    [commandIds.addMcpServer]: (folder) =>
      addMcpServerToWorkspace(services, folder instanceof vscode.Uri ? folder : undefined),
    [commandIds.initConfig]: (args) => initializeConfiguration(services, (args ?? {}) as InitConfigArgs),
    [commandIds.openSavedView]: (name) => openSavedView(services, name),
    [commandIds.copyCiWorkflow]: () => copyCiWorkflow(services),
  } satisfies Record<string, CommandHandler>;
}

async function validateWorkspace(services: RoadmapServices): Promise<number> {
  const count = await services.diagnostics.validateWorkspace();
  // Focus, not toggle: 'workbench.actions.view.problems' closes the panel when it is already open.
  await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
  return count;
}
