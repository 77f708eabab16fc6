// The agent tools for chat in VS Code (`vscode.lm.registerTool`): the same core implementation the MCP server
// runs, over a host made of the live index and the extension's one writer. Writes ask for confirmation, refuse
// stale text (the document must still read what the tool validated), and are refused in an untrusted workspace.
import * as vscode from 'vscode';
import { toolDefinitions, type ToolDefinition } from '../core/tools/definitions';
import type { ToolName } from '../core/tools/toolNames';
import {
  workspacePathProblem,
  type ToolHost,
  type ToolWorkspace,
  type WriteOutcome,
} from '../core/tools/host';
import { RoadmapTools } from '../core/tools/roadmapTools';
import type { FolderState } from './roadmapService';
import type { RoadmapServices } from './services';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

class EditorToolHost implements ToolHost {
  constructor(private readonly services: RoadmapServices) {}

  get readOnly(): boolean {
    return !vscode.workspace.isTrusted;
  }

  /** The folder the tools act on: the first workspace folder that has features (ids are per folder). */
  private async folder(): Promise<FolderState> {
    await this.services.service.whenIndexed();
    const states = this.services.service.folderStates();
    const state = states.find((candidate) => candidate.index.size > 0) ?? states[0];
    if (!state)
      throw new Error('Open a folder with a roadmap first: the roadmap tools work on workspace folders.');
    return state;
  }

  async load(): Promise<ToolWorkspace> {
    const state = await this.folder();
    return {
      config: state.index.config,
      configProblems: state.configProblems,
      configText: state.configText,
      index: state.index,
    };
  }

  private async uriOf(file: string): Promise<vscode.Uri | undefined> {
    if (workspacePathProblem(file)) return undefined;
    const state = await this.folder();
    return this.services.service.uriOf(state, file);
  }

  /**
   * Whether the path from the workspace folder down to a file crosses no symbolic link (a linked file or folder
   * could point anywhere). Stricter than resolving links, and it works on every file system VS Code offers,
   * in the browser too. A path that does not exist yet is checked as far as it exists.
   */
  private async staysInside(file: string): Promise<boolean> {
    const state = await this.folder();
    const segments = file.split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      let stat: vscode.FileStat;
      try {
        stat = await vscode.workspace.fs.stat(
          vscode.Uri.joinPath(state.folder.uri, ...segments.slice(0, depth)),
        );
      } catch {
        return true;
      }
      if (stat.type & vscode.FileType.SymbolicLink) return false;
    }
    return true;
  }

  async read(file: string): Promise<string | undefined> {
    const uri = await this.uriOf(file);
    if (!uri || !(await this.staysInside(file))) return undefined;
    const open = vscode.workspace.textDocuments.find(
      (document) => document.uri.toString() === uri.toString(),
    );
    if (open) return open.getText();
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  async replace(file: string, expected: string, updated: string): Promise<WriteOutcome> {
    const uri = await this.uriOf(file);
    if (!uri || !(await this.staysInside(file)))
      return { ok: false, reason: `${file} is not inside the workspace` };
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() !== expected)
      return { ok: false, reason: `${file} changed while the edit was prepared; read it again` };
    const result = await this.services.writer.replaceText(document, updated);
    if (!result.ok) return result;
    this.services.service.updateFromDocument(document);
    return { ok: true };
  }

  async create(file: string, text: string): Promise<WriteOutcome> {
    const uri = await this.uriOf(file);
    if (!uri || !(await this.staysInside(file)))
      return { ok: false, reason: `${file} is not inside the workspace` };
    try {
      await vscode.workspace.fs.stat(uri);
      return { ok: false, reason: `${file} already exists`, exists: true };
    } catch {
      // Free: write it.
    }
    await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
    const document = await vscode.workspace.openTextDocument(uri);
    // Indexed now, so that the next create sees the id; shown, as New Feature does, so the user sees it too.
    this.services.service.updateFromDocument(document);
    await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true });
    this.services.log.info(`An agent created ${file}.`);
    return { ok: true };
  }
}

/** What the confirmation dialog says a write will do, before the user allows it. */
function confirmation(
  definition: ToolDefinition,
  input: Record<string, unknown>,
): vscode.PreparedToolInvocation {
  const details = Object.entries(input)
    .filter(([key]) => key !== 'expectedRevision')
    .map(([key, value]) => {
      const shown = typeof value === 'string' && value.length > 200 ? `${value.slice(0, 200)}…` : value;
      return `- \`${key}\`: \`${JSON.stringify(shown)}\``;
    })
    .join('\n');
  const subject =
    typeof input.id === 'string' ? input.id : typeof input.title === 'string' ? `“${input.title}”` : '';
  return {
    invocationMessage: `${definition.title} ${subject}`.trim(),
    confirmationMessages: {
      title: `${definition.title}${subject ? ` ${subject}` : ''}?`,
      message: new vscode.MarkdownString(
        `${definition.name === 'create_feature' ? 'Creates a feature file' : 'Edits the feature file'} (validated first; refused if it would add an error):\n\n${details}`,
      ),
    },
  };
}

/** The tools' implementation, a side bundle loaded on the first call (see ./lmToolsRegistration.ts). */
export function languageModelTools(services: RoadmapServices) {
  const tools = new RoadmapTools(new EditorToolHost(services));
  const definitionOf = (name: ToolName): ToolDefinition => {
    const definition = toolDefinitions.find((candidate) => candidate.name === name);
    if (!definition) throw new Error(`no roadmap tool named ${name}`);
    return definition;
  };
  return {
    prepareInvocation(name: ToolName, input: Record<string, unknown>): vscode.PreparedToolInvocation {
      const definition = definitionOf(name);
      return definition.writes
        ? confirmation(definition, input)
        : { invocationMessage: `${definition.title}…` };
    },
    async invoke(name: ToolName, input: Record<string, unknown>): Promise<vscode.LanguageModelToolResult> {
      const result = await tools.call(name, input);
      // VS Code's guidance: a failed tool throws, with a message the model can act on.
      if (result.isError) throw new Error(result.text);
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(result.text)]);
    },
  };
}
