// What the agent tools need from the place they run: the CLI's MCP server (Node, files on disk) or the VS Code
// extension (the live index, the editor's one writer). Paths are workspace-relative with forward slashes, and
// already checked by `workspacePathProblem`; a host still refuses anything that resolves outside its root
// (a symbolic link, for instance).
import type { ConfigProblem, RoadmapConfig } from '../config';
import type { WorkspaceIndex } from '../workspaceIndex';

export interface ToolWorkspace {
  config: RoadmapConfig;
  configProblems: readonly ConfigProblem[];
  /** The raw config text, when there is a config file. */
  configText?: string;
  /** Every feature file of the workspace, flushed (cross-file issues current). Read it; never change it. */
  index: WorkspaceIndex;
}

export type WriteOutcome = { ok: true } | { ok: false; reason: string; exists?: boolean };

export interface ToolHost {
  /** True in an untrusted workspace or with `--read-only`: the write tools refuse. */
  readonly readOnly: boolean;
  /** The roadmap as it stands now. */
  load(): Promise<ToolWorkspace>;
  /** The full text of a file inside the workspace; undefined when it is missing or not safely readable. */
  read(file: string): Promise<string | undefined>;
  /** Replaces a feature file's text, only while it still reads `expected` (no lost update). */
  replace(file: string, expected: string, updated: string): Promise<WriteOutcome>;
  /** Writes a new file; refuses (with `exists`) when something is already there. */
  create(file: string, text: string): Promise<WriteOutcome>;
}

/**
 * Why a workspace-relative path may not be used, or undefined when it may: it must stay inside the workspace
 * (no `..`, no absolute or drive path, no backslash or control character) and name a Markdown file.
 */
export function workspacePathProblem(path: string): string | undefined {
  if (path === '' || path.length > 1024) return 'the path is empty or too long';
  if (path.includes('\\') || /\p{Cc}/u.test(path)) return 'the path has a backslash or a control character';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the path is absolute';
  if (path.split('/').some((segment) => segment === '..' || segment === '.' || segment === ''))
    return 'the path leaves its folder';
  if (!/\.(md|markdown)$/i.test(path)) return 'only Markdown files are feature files';
  return undefined;
}
