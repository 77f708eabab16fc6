// Registers the agent tools for chat at activation (VS Code must know them then); their implementation, with
// the core's tool code, is a side bundle loaded on the first call (./lmTools.ts, ./lazy.ts).
import * as vscode from 'vscode';
import { languageModelToolName, toolNames } from '../core/tools/toolNames';
import { onFirstUse } from './lazy';
import type { RoadmapServices } from './services';

export function registerLanguageModelTools(services: RoadmapServices): vscode.Disposable[] {
  if (!vscode.lm?.registerTool) {
    services.log.info('This VS Code has no language-model tools API; the roadmap tools are not registered.');
    return [];
  }
  const tools = onFirstUse(async () => (await import('./lmTools')).languageModelTools(services));
  return toolNames.map((name) =>
    vscode.lm.registerTool<Record<string, unknown>>(languageModelToolName(name), {
      prepareInvocation: async (options) => (await tools()).prepareInvocation(name, options.input ?? {}),
      invoke: async (options) => (await tools()).invoke(name, options.input ?? {}),
    }),
  );
}
