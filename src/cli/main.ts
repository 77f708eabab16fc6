// `roadmap`: the command line over the core, for CI. Exit codes: 0 clean (no error-severity diagnostic),
// 1 errors found, 2 bad usage or an unreadable config.
import { statSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportFormats, exportRoadmap, type ExportFormat } from '../core/exporters';
import { LineIndex } from '../core/lineIndex';
import { localToday } from '../core/plan/calendar';
import { ruleDocsUrl, rules } from '../core/schema';
import type { Severity } from '../core/types';
import { loadWorkspace, type LoadedWorkspace } from './nodeWorkspace';
import { publishSite, PublishError } from './publish';
import { version } from '../../package.json';

export interface CliDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

const usage = `Usage:
  roadmap lint [ROOT] [--format text|json|sarif] [--config FILE]
  roadmap export [ROOT] --format ${exportFormats.join('|')} [--out FILE] [--config FILE]
  roadmap publish [ROOT...] --out DIR [--title TEXT] [--base-url [NAME=]URL]... [--config FILE]
  roadmap mcp [ROOT] [--read-only]    an MCP server on stdio for coding agents
  roadmap --version | --help

ROOT is the workspace root (default: the current folder). lint exits 0 when there is no error,
1 when there is one, 2 for bad usage or an unreadable config.`;

class UsageError extends Error {}

/** Every diagnostic of the workspace with 1-based positions, sorted by file and position. */
export function collectDiagnostics(workspace: LoadedWorkspace): CliDiagnostic[] {
  const diagnostics: CliDiagnostic[] = [];
  for (const file of workspace.index.files().sort()) {
    const issues = workspace.index.issues(file);
    if (issues.length === 0) continue;
    const lines = new LineIndex(workspace.texts.get(file) ?? '');
    for (const issue of issues) {
      const range = lines.rangeOf(issue.span);
      diagnostics.push({
        file,
        line: range.start.line + 1,
        column: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
        severity: issue.severity,
        code: issue.code,
        message: issue.message,
      });
    }
  }
  return diagnostics;
}

function formatText(diagnostics: CliDiagnostic[], workspace: LoadedWorkspace): string {
  const out: string[] = [];
  let current = '';
  for (const diagnostic of diagnostics) {
    if (diagnostic.file !== current) {
      if (current) out.push('');
      current = diagnostic.file;
      out.push(diagnostic.file);
    }
    const where = `${diagnostic.line}:${diagnostic.column}`.padEnd(7);
    out.push(`  ${where} ${diagnostic.severity.padEnd(7)}  ${diagnostic.message}  ${diagnostic.code}`);
  }
  const count = (severity: Severity) =>
    diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
  const [errors, warnings] = [count('error'), count('warning')];
  if (out.length > 0) out.push('');
  const summary = `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('info') + count('hint')} info) in ${workspace.index.size} features (${workspace.scanned} Markdown files scanned)`;
  out.push(`${errors > 0 ? '✖' : '✔'} ${summary}`);
  return out.join('\n') + '\n';
}

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

function formatSarif(diagnostics: CliDiagnostic[]): string {
  const usedRules = rules.filter((rule) => diagnostics.some((diagnostic) => diagnostic.code === rule.code));
  const ruleIndex = new Map(usedRules.map((rule, index) => [rule.code as string, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'markdown-roadmap',
            semanticVersion: version,
            informationUri: 'https://github.com/markdown-roadmap/markdown-roadmap',
            rules: usedRules.map((rule) => ({
              id: rule.code,
              name: rule.code.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.summary },
              helpUri: ruleDocsUrl(rule.code),
              defaultConfiguration: { level: sarifLevel[rule.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((diagnostic) => ({
          ruleId: diagnostic.code,
          ruleIndex: ruleIndex.get(diagnostic.code),
          level: sarifLevel[diagnostic.severity],
          message: { text: diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(diagnostic.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: diagnostic.line,
                  startColumn: diagnostic.column,
                  endLine: diagnostic.endLine,
                  endColumn: Math.max(
                    diagnostic.endColumn,
                    diagnostic.endLine === diagnostic.line ? diagnostic.column + 1 : 1,
                  ),
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function load(root: string, configFile: string | undefined, io: CliIo): LoadedWorkspace {
  // Relative to the working folder the CLI was given (not process.cwd(): runCli is also called in-process).
  const workspace = loadWorkspace(root, { configFile: configFile ? resolve(io.cwd, configFile) : undefined });
  const configName = configFile ?? '.roadmap/config.yaml';
  const lines = workspace.configText !== undefined ? new LineIndex(workspace.configText) : undefined;
  for (const problem of workspace.configProblems) {
    const position = lines?.positionAt(problem.span.start);
    const where = position ? `${configName}:${position.line + 1}:${position.character + 1}` : configName;
    io.stderr(`${where}: ${problem.fatal ? 'error' : 'warning'}: ${problem.message}\n`);
  }
  if (workspace.configProblems.some((problem) => problem.fatal))
    throw new ConfigError(`unreadable config ${configName}`);
  return workspace;
}

class ConfigError extends Error {}

export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export function runCli(argv: string[], io: CliIo): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
        title: { type: 'string' },
        'base-url': { type: 'string', multiple: true },
        version: { type: 'boolean', short: 'v' },
        'read-only': { type: 'boolean' },
      },
    });
    if (values.version) {
      io.stdout(`${version}\n`);
      return 0;
    }
    const [command, rootArgument, ...extra] = positionals;
    if (values.help || !command) {
      (values.help ? io.stdout : io.stderr)(`${usage}\n`);
      return values.help ? 0 : 2;
    }
    if (command === 'publish') return runPublish(positionals.slice(1), values, io);
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const root = resolve(io.cwd, rootArgument ?? '.');
    // A mistyped root must not lint nothing and pass CI.
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`'${rootArgument ?? '.'}' is not a folder`);
    if (command === 'lint') {
      const format = values.format ?? 'text';
      if (!['text', 'json', 'sarif'].includes(format))
        throw new UsageError(`unknown lint format '${format}' (text, json or sarif)`);
      const workspace = load(root, values.config, io);
      const diagnostics = collectDiagnostics(workspace);
      const output =
        format === 'json'
          ? JSON.stringify(
              { files: workspace.scanned, features: workspace.index.size, diagnostics },
              null,
              2,
            ) + '\n'
          : format === 'sarif'
            ? formatSarif(diagnostics)
            : formatText(diagnostics, workspace);
      writeOutput(output, values.out, io);
      for (const skip of workspace.skipped) io.stderr(`skipped ${skip.file}: ${skip.reason}\n`);
      return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
    }
    if (command === 'export') {
      const format = values.format as ExportFormat | undefined;
      if (!format || !exportFormats.includes(format))
        throw new UsageError(`export needs --format ${exportFormats.join('|')}`);
      const workspace = load(root, values.config, io);
      const output = exportRoadmap(format, {
        features: workspace.index.features(),
        config: workspace.config,
        issuesOf: (file) => workspace.index.issues(file),
        today: localToday(),
        dropped: workspace.index.unreadable(),
      });
      writeOutput(output, values.out, io);
      return 0;
    }
    if (command === 'mcp') {
      // Imported on demand: the MCP SDK is a side bundle that lint and export never load.
      import('./mcp')
        .then(({ serveMcp }) => serveMcp(root, { readOnly: values['read-only'] === true }))
        .catch((error: Error) => {
          io.stderr(`roadmap mcp: ${error.message}\n`);
          process.exitCode = 2;
        });
      return 0;
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`roadmap: ${error.message}\n`);
      return 2;
    }
    const message = (error as Error).message;
    const isUsage =
      error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    io.stderr(`roadmap: ${message}\n${isUsage ? `\n${usage}\n` : ''}`);
    return 2;
  }
}

function runPublish(
  roots: string[],
  values: { out?: string; title?: string; config?: string; 'base-url'?: string[] },
  io: CliIo,
): number {
  if (!values.out) throw new UsageError('publish needs --out DIR');
  for (const root of roots)
    if (!statSync(resolve(io.cwd, root), { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`'${root}' is not a folder`);
  let result;
  try {
    result = publishSite({
      roots: (roots.length > 0 ? roots : ['.']).map((root) => resolve(io.cwd, root)),
      out: resolve(io.cwd, values.out),
      title: values.title,
      baseUrls: values['base-url'],
      configFile: values.config ? resolve(io.cwd, values.config) : undefined,
    });
  } catch (error) {
    if (error instanceof PublishError) throw new ConfigError(error.message);
    throw error;
  }
  for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
  for (const { source, file, issue } of result.problems)
    io.stderr(`${source}/${file}: ${issue.severity}: ${issue.message}  ${issue.code}\n`);
  io.stderr(
    `published ${result.features} features${result.sources.length > 1 ? ` from ${result.sources.join(', ')}` : ''} to ${relative(io.cwd, result.out) || result.out}\n`,
  );
  return result.problems.some((problem) => problem.issue.severity === 'error') ? 1 : 0;
}

function writeOutput(output: string, outFile: string | undefined, io: CliIo): void {
  if (outFile) {
    const target = resolve(io.cwd, outFile);
    writeFileSync(target, output);
    io.stderr(`wrote ${relative(io.cwd, target) || target}\n`);
  } else {
    io.stdout(output);
  }
}

if (require.main === module) {
  const exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  // Let stdout drain before exiting: large JSON through a pipe must not be cut off.
  process.exitCode = exitCode;
}
