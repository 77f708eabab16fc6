// The agent tools' names, apart from their definitions (./definitions.ts) so that the extension can register
// the tools at activation without loading the definitions, which load with the tools on first use.

export const toolNames = [
  'list_features',
  'get_feature',
  'create_feature',
  'update_feature',
  'validate',
  'roadmap_summary',
] as const;
export type ToolName = (typeof toolNames)[number];

/** The name a tool has in VS Code (package.json `languageModelTools`): prefixed, since tool names are global. */
export function languageModelToolName(name: ToolName): string {
  return name.startsWith('roadmap_') ? name : `roadmap_${name}`;
}
