// `roadmap mcp [ROOT]`: the agent tools as an MCP server over stdio, on the official SDK. A thin adapter: the
// tools live in core/tools; this file gives them a Node host (files under ROOT, every path resolved and kept
// inside it, symbolic links included) and speaks the protocol. Loaded lazily: `roadmap lint` never parses it.
import { lstatSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { serverInstructions } from '../core/tools/definitions';
import {
  workspacePathProblem,
  type ToolHost,
  type ToolWorkspace,
  type WriteOutcome,
} from '../core/tools/host';
import { RoadmapTools } from '../core/tools/roadmapTools';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { listCandidates, loadConfig, readHead } from './nodeWorkspace';
import { version } from '../../package.json';

/** Feature files are small; a bigger file is not read whole into an agent's context. */
const maxReadBytes = 4 * 1024 * 1024;

export class NodeToolHost implements ToolHost {
  private readonly realRoot: string;
  private cache: { workspace: ToolWorkspace; stamps: Map<string, string> } | undefined;

  constructor(
    private readonly root: string,
    readonly readOnly: boolean,
  ) {
    this.realRoot = realpathSync(root);
  }

  /**
   * The roadmap as it is on disk now. The first call reads everything; later calls re-read only files whose
   * size or modification time changed (an agent calls tools often, and a big roadmap takes a second to read
   * whole). A changed config means a full reload.
   */
  async load(): Promise<ToolWorkspace> {
    const { config, problems, text } = loadConfig(this.root);
    if (!this.cache || this.cache.workspace.configText !== text) {
      this.cache = {
        workspace: { config, configProblems: problems, configText: text, index: new WorkspaceIndex(config) },
        stamps: new Map(),
      };
    }
    const { workspace, stamps } = this.cache;
    const present = new Set(listCandidates(this.realRoot, config));
    for (const file of stamps.keys()) {
      if (present.has(file)) continue;
      stamps.delete(file);
      workspace.index.remove(file);
    }
    for (const file of present) {
      // A feature file that is a link to somewhere outside the workspace is not the workspace's to show.
      // The listing walked real folders from the real root, so only a linked file needs resolving.
      const direct = join(this.realRoot, ...file.split('/'));
      const own = lstatSync(direct, { throwIfNoEntry: false });
      const path = own?.isSymbolicLink() ? this.existingPath(file) : own && direct;
      const stat = own?.isSymbolicLink() && path ? statSync(path, { throwIfNoEntry: false }) : path && own;
      const stamp = stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}` : '';
      if (stamps.get(file) === stamp) continue;
      stamps.set(file, stamp);
      let text: string | undefined;
      try {
        text = path === undefined ? undefined : readHead(path);
      } catch {
        text = undefined; // deleted or unreadable since the listing
      }
      if (text === undefined) workspace.index.remove(file);
      else workspace.index.update(file, text);
    }
    workspace.index.flush();
    return workspace;
  }

  async read(file: string): Promise<string | undefined> {
    const path = this.existingPath(file);
    if (path === undefined || statSync(path).size > maxReadBytes) return undefined;
    return readFileSync(path, 'utf8');
  }

  async replace(file: string, expected: string, updated: string): Promise<WriteOutcome> {
    const path = this.existingPath(file);
    if (path === undefined) return { ok: false, reason: `${file} is not a file inside the workspace` };
    // Read and write back to back, synchronously: nothing in this process runs between them.
    if (readFileSync(path, 'utf8') !== expected)
      return { ok: false, reason: `${file} changed on disk while the edit was prepared; read it again` };
    writeFileSync(path, updated);
    return { ok: true };
  }

  async create(file: string, text: string): Promise<WriteOutcome> {
    const problem = workspacePathProblem(file);
    if (problem) return { ok: false, reason: problem };
    const path = join(this.realRoot, ...file.split('/'));
    // The deepest folder that exists must be inside the workspace (a linked folder could point anywhere).
    let existing = dirname(path);
    while (!statSync(existing, { throwIfNoEntry: false })) existing = dirname(existing);
    if (!this.isInside(realpathSync(existing)))
      return { ok: false, reason: `${file} would be outside the workspace` };
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, text, { flag: 'wx' });
    } catch (error) {
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      return { ok: false, reason: (error as Error).message, exists };
    }
    return { ok: true };
  }

  /** The real path of an existing file inside the workspace, or undefined (missing, unsafe, or a link out). */
  private existingPath(file: string): string | undefined {
    if (workspacePathProblem(file)) return undefined;
    try {
      const real = realpathSync(join(this.root, ...file.split('/')));
      return this.isInside(real) && statSync(real).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  }

  private isInside(real: string): boolean {
    return (
      real === this.realRoot ||
      real.startsWith(this.realRoot.endsWith(sep) ? this.realRoot : this.realRoot + sep)
    );
  }
}

/** Serves the tools on stdin/stdout until the client disconnects. */
export async function serveMcp(root: string, options: { readOnly: boolean }): Promise<void> {
  const tools = new RoadmapTools(new NodeToolHost(root, options.readOnly));
  // McpServer's registerTool takes zod shapes; our inputs are JSON Schema written once for MCP and VS Code
  // alike, so the handlers go on its underlying protocol server, as the SDK allows for such cases.
  const { server } = new McpServer(
    { name: 'markdown-roadmap', version },
    { capabilities: { tools: {}, resources: {} }, instructions: serverInstructions },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.definitions.map((definition) => ({
      name: definition.name,
      title: definition.title,
      description: definition.description,
      inputSchema: definition.inputSchema,
      annotations: {
        title: definition.title,
        readOnlyHint: !definition.writes,
        destructiveHint: false,
        openWorldHint: false,
      },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const result = await tools.call(request.params.name, request.params.arguments);
    return { content: [{ type: 'text', text: result.text }], isError: result.isError };
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: await tools.resources() }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const resource = await tools.readResource(request.params.uri);
    if (!resource)
      throw new McpError(
        ErrorCode.InvalidParams,
        `No roadmap resource ${request.params.uri}; list the resources first.`,
      );
    return { contents: [{ uri: request.params.uri, mimeType: resource.mimeType, text: resource.text }] };
  });
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(new StdioServerTransport());
  await closed;
}
