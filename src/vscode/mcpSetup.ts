// "Roadmap: Add MCP Server to Workspace": writes the `roadmap` server into .vscode/mcp.json (merged with what
// is there), so that agents in VS Code, and any client that reads the file, get the roadmap tools.
import * as vscode from 'vscode';
import { addMcpServer, mcpConfigPath, type McpServerEntry } from '../core/tools/mcpConfig';
import type { RoadmapServices } from './services';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * The server as this installation runs it: the CLI bundled in the extension, under the editor's own runtime
 * (ELECTRON_RUN_AS_NODE makes VS Code's binary behave as Node), so nothing else has to be installed.
 */
export function bundledServerEntry(extensionUri: vscode.Uri): McpServerEntry {
  return {
    type: 'stdio',
    command: process.execPath,
    args: [vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath, 'mcp', '${workspaceFolder}'],
    env: { ELECTRON_RUN_AS_NODE: '1' },
  };
}

/** Adds the server to a folder's .vscode/mcp.json and opens the file; returns its Uri, or undefined when refused. */
export async function addMcpServerToWorkspace(
  services: RoadmapServices,
  folderArg?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folderArg
    ? vscode.workspace.getWorkspaceFolder(folderArg)
    : folders.length <= 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder gets the MCP server?' });
  if (typeof process === 'undefined') {
    void vscode.window.showErrorMessage(
      'Roadmap: an MCP server runs as a local process; add it from VS Code on the desktop.',
    );
    return undefined;
  }
  if (!folder) {
    void vscode.window.showErrorMessage(
      'Roadmap: open a folder first; the MCP server is set up per workspace folder.',
    );
    return undefined;
  }
  const uri = vscode.Uri.joinPath(folder.uri, ...mcpConfigPath.split('/'));
  let existing: string | undefined;
  try {
    existing = decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    existing = undefined;
  }
  const edit = addMcpServer(existing, bundledServerEntry(services.context.extensionUri));
  if (!edit.ok) {
    services.log.warn(`Did not change ${mcpConfigPath}: ${edit.reason}`);
    void vscode.window.showErrorMessage(`Roadmap: ${edit.reason}.`);
    return undefined;
  }
  if (edit.outcome !== 'unchanged') await vscode.workspace.fs.writeFile(uri, encoder.encode(edit.text));
  const messages = {
    created: `Created ${mcpConfigPath} with the roadmap MCP server.`,
    added: `Added the roadmap MCP server to ${mcpConfigPath}.`,
    updated: `Updated the roadmap MCP server in ${mcpConfigPath}.`,
    unchanged: `${mcpConfigPath} already has the roadmap MCP server.`,
  };
  services.log.info(messages[edit.outcome]);
  void vscode.window.showInformationMessage(`Roadmap: ${messages[edit.outcome]}`);
  await vscode.window.showTextDocument(uri, { preview: true });
  return uri;
}
