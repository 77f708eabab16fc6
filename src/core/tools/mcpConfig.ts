// `.vscode/mcp.json`: our server added to whatever the file already holds. Other servers, `inputs` and unknown
// keys stay; a file we cannot read as JSON is left alone with a reason rather than rewritten.

export const mcpConfigPath = '.vscode/mcp.json';
export const mcpServerName = 'roadmap';

export interface McpServerEntry {
  type: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
}

export type McpConfigEdit =
  | { ok: true; text: string; outcome: 'created' | 'added' | 'updated' | 'unchanged' }
  | { ok: false; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function addMcpServer(existing: string | undefined, entry: McpServerEntry): McpConfigEdit {
  if (existing === undefined || existing.trim() === '')
    return {
      ok: true,
      text: `${JSON.stringify({ servers: { [mcpServerName]: entry } }, null, 2)}\n`,
      outcome: 'created',
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(existing.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      reason: `${mcpConfigPath} is not plain JSON (${(error as Error).message}; comments or trailing commas?), so it was left as it is: add the "${mcpServerName}" server to it by hand`,
    };
  }
  if (!isRecord(parsed))
    return { ok: false, reason: `${mcpConfigPath} is not a JSON object; it was left as it is` };
  const servers = parsed.servers ?? {};
  if (!isRecord(servers))
    return { ok: false, reason: `"servers" in ${mcpConfigPath} is not an object; it was left as it is` };
  const previous = servers[mcpServerName];
  if (JSON.stringify(previous) === JSON.stringify(entry))
    return { ok: true, text: existing, outcome: 'unchanged' };
  const indent = /^([ \t]+)"/m.exec(existing)?.[1] ?? '  ';
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const updated = { ...parsed, servers: { ...servers, [mcpServerName]: entry } };
  return {
    ok: true,
    text: `${JSON.stringify(updated, null, indent).replace(/\n/g, eol)}${eol}`,
    outcome: previous === undefined ? 'added' : 'updated',
  };
}
