// `roadmap`: the command line over the core, for CI. Exit codes: 0 clean (no error-severity diagnostic),
// 1 errors found, 2 bad usage or an unreadable config.
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configPath } from '../core/config';
import { FrontmatterLines, LineIndex } from '../core/lineIndex';
import { presets } from '../core/presets/presets';
import { localToday } from '../core/plan/calendar';
import { ruleDocsUrl, rules } from '../core/schema';
import type { Severity } from '../core/types';
import { defaultCacheFile, findConfigUpward, loadWorkspace, type LoadedWorkspace } from './nodeWorkspace';
import type * as Commands from './commands';
import { version } from '../../package.json';
import { plural } from '../core/plural';

/** The commands other than lint: a side bundle, loaded on first use (see commands.ts). */
function commands(): typeof Commands {
  // runCli is synchronous (it returns the exit code): the side bundle is required, not imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  return require('./commands') as typeof Commands;
}

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

const usage = () => {
  const { diffFormats, exportFormats, historyFormats, reportFormats } = commands();
  return `Usage:
  roadmap lint [ROOT] [--format text|json|sarif] [--config FILE] [--allow-empty] [--cache]
               [--cache-location PATH]
  roadmap init [ROOT] [--force]
  roadmap export [ROOT] --format ${exportFormats.join('|')} [--out FILE] [--config FILE]
  roadmap publish [ROOT...] --out DIR [--title TEXT] [--base-url [NAME=]URL]... [--config FILE]
  roadmap diff [ROOT] [--base REF] [--head REF] [--format ${diffFormats.join('|')}] [--out FILE]
  roadmap history ID [ROOT] [--format ${historyFormats.join('|')}] [--out FILE]
  roadmap report [ROOT] [--since REF|YYYY-MM-DD] [--format ${reportFormats.join('|')}] [--out FILE]
  roadmap mcp [ROOT] [--read-only]    an MCP server on stdio for coding agents
  roadmap --version | --help

ROOT is the workspace root (default: the current folder); .roadmap/config.yaml is searched from ROOT
up to the repository root. lint exits 0 when there is no error, 1 when there is one, 2 for bad usage,
an unreadable config, or no feature found (unless --allow-empty). --cache keeps results between runs and
re-reads only files whose size or modification time changed (default location
ROOT/.roadmap/.cache/lint-cache.json; --cache-location names another file or folder). init writes a
commented .roadmap/config.yaml inferred from the Markdown files under ROOT (--force overwrites one).`;
};

class UsageError extends Error {}

/** Calls `visit` with every diagnostic of the workspace (1-based positions), by file and position. */
function forEachDiagnostic(workspace: LoadedWorkspace, visit: (diagnostic: CliDiagnostic) => void): void {
  for (const file of workspace.index.files().sort()) {
    const issues = workspace.index.issues(file);
    if (issues.length === 0) continue;
    const parsed = workspace.index.get(file);
    const lines = new FrontmatterLines(
      parsed?.split.kind === 'closed' ? parsed.split.yamlStart : 0,
      parsed?.yamlText,
    );
    for (const issue of issues) {
      const range = lines.rangeOf(issue.span);
      visit({
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
}

/** Every diagnostic of the workspace with 1-based positions, sorted by file and position. */
export function collectDiagnostics(workspace: LoadedWorkspace): CliDiagnostic[] {
  const diagnostics: CliDiagnostic[] = [];
  forEachDiagnostic(workspace, (diagnostic) => diagnostics.push(diagnostic));
  return diagnostics;
}

/** How much of a JSON report is gathered before it is written out. */
const jsonPieceLength = 1 << 16;
/** How many quoted texts a JSON report remembers. */
const maxQuotedTexts = 4096;

/**
 * The JSON report, exactly `JSON.stringify({ files, features, diagnostics }, null, 2)` followed by a newline,
 * written in pieces: tens of thousands of diagnostics are never held as objects nor as one string. Returns
 * whether one of them is an error.
 */
export function writeJsonReport(workspace: LoadedWorkspace, write: (text: string) => void): boolean {
  let piece = `{\n  "files": ${workspace.scanned},\n  "features": ${workspace.index.size},\n  "diagnostics": [`;
  let count = 0;
  let hasError = false;
  // A file has several diagnostics, and severities, codes and most messages are few (60,000 diagnostics of a
  // 10,000-file corpus had 58 messages): each is quoted once, not per diagnostic. Quoting every message was a
  // third of building the report. The memo stops growing where messages are mostly unique.
  let file = '';
  let quotedFile = '""';
  const quotedTexts = new Map<string, string>();
  const quote = (text: string) => {
    let quoted = quotedTexts.get(text);
    if (quoted === undefined) {
      quoted = JSON.stringify(text);
      if (quotedTexts.size < maxQuotedTexts) quotedTexts.set(text, quoted);
    }
    return quoted;
  };
  forEachDiagnostic(workspace, (diagnostic) => {
    hasError ||= diagnostic.severity === 'error';
    if (diagnostic.file !== file) quotedFile = JSON.stringify((file = diagnostic.file));
    piece += `${count++ === 0 ? '' : ','}\n    {\n      "file": ${quotedFile},\n      "line": ${diagnostic.line},\n      "column": ${diagnostic.column},\n      "endLine": ${diagnostic.endLine},\n      "endColumn": ${diagnostic.endColumn},\n      "severity": ${quote(diagnostic.severity)},\n      "code": ${quote(diagnostic.code)},\n      "message": ${quote(diagnostic.message)}\n    }`;
    if (piece.length >= jsonPieceLength) {
      write(piece);
      piece = '';
    }
  });
  write(`${piece}${count === 0 ? ']' : '\n  ]'}\n}\n`);
  return hasError;
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
  const summary = `${plural(diagnostics.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${count('info') + count('hint')} info) in ${workspace.index.size} features (${workspace.scanned} Markdown files scanned)`;
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

/** `cache`: lint's `--cache` (with its `--cache-location`, if any); the default file is under the workspace root. */
function load(
  requestedRoot: string,
  configFile: string | undefined,
  io: CliIo,
  cache?: { location: string | undefined },
  parallel = false,
): LoadedWorkspace {
  // A config above the folder (run from a subfolder) makes its folder the workspace root, as ESLint does.
  const found = configFile ? undefined : findConfigUpward(requestedRoot);
  const root = found ? dirname(dirname(found)) : requestedRoot;
  if (root !== requestedRoot) io.stderr(`roadmap: using ${relative(io.cwd, found!) || found}\n`);
  // Relative to the working folder the CLI was given (not process.cwd(): runCli is also called in-process).
  const workspace = loadWorkspace(root, {
    configFile: configFile ? resolve(io.cwd, configFile) : undefined,
    cacheFile: cache ? cacheFileFor(root, cache.location, io.cwd) : undefined,
    parallel,
  });
  // A recognised format's config comes from its preset: problems in it are the preset's, not a file's.
  const configName =
    configFile ??
    (workspace.configText === undefined && workspace.preset
      ? `preset '${workspace.preset.preset.name}'`
      : configPath);
  if (workspace.preset?.detected) {
    const { preset, base } = workspace.preset;
    io.stderr(
      `roadmap: no ${configPath}; recognised ${preset.title}${base ? ` in ${base}` : ''} (preset '${preset.name}'). Run \`roadmap init\` to write a config you can adjust.\n`,
    );
  }
  for (const glob of workspace.unmatchedIncludes)
    io.stderr(`${configName}: warning: include '${glob}' matches no file\n`);
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
  /** Prints bytes as they are (a cached lint's output); without it, they are decoded for `stdout`. */
  stdoutBytes?: (bytes: Uint8Array) => void;
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
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        title: { type: 'string' },
        'base-url': { type: 'string', multiple: true },
        version: { type: 'boolean', short: 'v' },
        base: { type: 'string' },
        head: { type: 'string' },
        since: { type: 'string' },
        'allow-empty': { type: 'boolean' },
        force: { type: 'boolean' },
        'read-only': { type: 'boolean' },
      },
    });
    if (values.version) {
      io.stdout(`${version}\n`);
      return 0;
    }
    const [command, rootArgument, ...extra] = positionals;
    if (values.help || !command) {
      (values.help ? io.stdout : io.stderr)(`${usage()}\n`);
      return values.help ? 0 : 2;
    }
    if (command === 'publish') return runPublish(positionals.slice(1), values, io);
    if (command === 'history') {
      // `history ID [ROOT]`: the first argument is the feature, not the folder.
      const [id, historyRoot, ...rest] = positionals.slice(1);
      if (!id) throw new UsageError('history needs a feature id, such as `roadmap history F-001`');
      if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
      const { formatHistory, historyFormats, isHistoryFormat, roadmapHistory } = commands();
      const format = values.format ?? 'text';
      if (!isHistoryFormat(format))
        throw new UsageError(`unknown history format '${format}' (${historyFormats.join(', ')})`);
      const folder = resolve(io.cwd, historyRoot ?? '.');
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory())
        throw new UsageError(`'${historyRoot}' is not a folder`);
      writeOutput(formatHistory(roadmapHistory(folder, id), format), values.out, io);
      return 0;
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
    const root = resolve(io.cwd, rootArgument ?? '.');
    // A mistyped root must not lint nothing and pass CI.
    if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`'${rootArgument ?? '.'}' is not a folder`);
    if (command === 'init') return commands().initConfig(root, { force: values.force ?? false, io });
    if (command === 'lint') {
      const format = values.format ?? 'text';
      if (!['text', 'json', 'sarif'].includes(format))
        throw new UsageError(`unknown lint format '${format}' (text, json or sarif)`);
      const cache = values.cache ? { location: values['cache-location'] } : undefined;
      const workspace = load(root, values.config, io, cache, true);
      const cached = workspace.cache?.outputFor(format);
      if (cached) {
        writeOutput(cached.bytes, values.out, io);
        return cached.exitCode;
      }
      // Linting nothing must not pass CI unnoticed (ESLint exits 2 for a pattern that matches no file); a
      // text report's "✔ 0 problems" would contradict the message, so only the machine formats still print.
      const empty = workspace.index.size === 0 && !values['allow-empty'];
      let output: string;
      let hasError: boolean;
      if (format === 'json') {
        // Written as it is produced; kept whole only for the cache.
        const pieces: string[] = [];
        const sink = outputSink(values.out, io);
        hasError = writeJsonReport(workspace, (piece) => {
          sink.write(piece);
          if (workspace.cache) pieces.push(piece);
        });
        sink.close();
        output = pieces.join('');
      } else {
        const diagnostics = collectDiagnostics(workspace);
        hasError = diagnostics.some((diagnostic) => diagnostic.severity === 'error');
        output = format === 'sarif' ? formatSarif(diagnostics) : formatText(diagnostics, workspace);
        if (!empty || format !== 'text') writeOutput(output, values.out, io);
      }
      for (const skip of workspace.skipped) io.stderr(`skipped ${skip.file}: ${skip.reason}\n`);
      if (empty) {
        // Not cached: the next run must say it again, not replay an output that was not printed.
        io.stderr(emptyRunMessage(workspace));
        return 2;
      }
      const exitCode = hasError ? 1 : 0;
      const cacheProblem = workspace.cache?.save({ format, text: output, exitCode });
      if (cacheProblem) io.stderr(`roadmap: warning: ${cacheProblem}\n`);
      return exitCode;
    }
    if (command === 'export') {
      const { exportFormats, exportRoadmap } = commands();
      const format = values.format as Commands.ExportFormat | undefined;
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
    if (command === 'diff') {
      const { diffFormats, formatDiff, isDiffFormat, roadmapDiff } = commands();
      const format = values.format ?? 'text';
      if (!isDiffFormat(format))
        throw new UsageError(`unknown diff format '${format}' (${diffFormats.join(', ')})`);
      const diff = roadmapDiff(root, { base: values.base, head: values.head });
      writeOutput(formatDiff(diff, format), values.out, io);
      return 0;
    }
    if (command === 'report') {
      const { formatReport, isReportFormat, reportFormats, roadmapReport } = commands();
      const format = values.format ?? 'markdown';
      if (!isReportFormat(format))
        throw new UsageError(`unknown report format '${format}' (${reportFormats.join(', ')})`);
      const today = localToday();
      writeOutput(formatReport(roadmapReport(root, { since: values.since, today }), format), values.out, io);
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
    io.stderr(`roadmap: ${message}\n${isUsage ? `\n${usage()}\n` : ''}`);
    return 2;
  }
}

/** ESLint's convention: a location that is a folder (or ends with a separator) holds the cache file. */
function cacheFileFor(root: string, location: string | undefined, cwd: string): string {
  if (location === undefined) return defaultCacheFile(root);
  const path = resolve(cwd, location);
  return /[\\/]$/.test(location) || statSync(path, { throwIfNoEntry: false })?.isDirectory()
    ? join(path, 'lint-cache.json')
    : path;
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
  const { publishSite, PublishError } = commands();
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

function emptyRunMessage(workspace: LoadedWorkspace): string {
  const markdownFiles = workspace.countMarkdownFiles();
  const found = plural(markdownFiles, 'Markdown file');
  const where = workspace.preset
    ? `preset '${workspace.preset.preset.name}'`
    : workspace.configText === undefined
      ? `no ${configPath} and no known format`
      : configPath;
  return [
    `roadmap: no feature found: scanned ${workspace.scanned} candidate files of the ${found} under ${workspace.root} (${where}).`,
    'To start:',
    '  - run `roadmap init` to write a config inferred from your files,',
    `  - or list where your features live with \`include:\` in ${configPath},`,
    `  - or name your format with \`preset:\` (${presets.map((preset) => preset.name).join(', ')}) in ${configPath}.`,
    'Pass --allow-empty to accept an empty roadmap.',
    '',
  ].join('\n');
}

/** Where an output goes when it is written in pieces: the `--out` file, or stdout. */
function outputSink(outFile: string | undefined, io: CliIo): { write(text: string): void; close(): void } {
  if (!outFile) return { write: (text) => io.stdout(text), close: () => undefined };
  const target = resolve(io.cwd, outFile);
  const fd = openSync(target, 'w');
  return {
    write: (text) => writeSync(fd, text),
    close: () => {
      closeSync(fd);
      io.stderr(`wrote ${relative(io.cwd, target) || target}\n`);
    },
  };
}

function writeOutput(output: string | Uint8Array, outFile: string | undefined, io: CliIo): void {
  if (outFile) {
    const target = resolve(io.cwd, outFile);
    writeFileSync(target, output);
    io.stderr(`wrote ${relative(io.cwd, target) || target}\n`);
  } else if (typeof output === 'string') {
    io.stdout(output);
  } else if (io.stdoutBytes) {
    io.stdoutBytes(output);
  } else {
    io.stdout(Buffer.from(output.buffer, output.byteOffset, output.byteLength).toString('utf8'));
  }
}

if (require.main === module) {
  // A reader that stops early (`roadmap lint | head`) closes the pipe. The rest of the output then has nowhere
  // to go, which is no fault of the lint's: it ends with the lint's own exit code, not a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });
  const exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stdoutBytes: (bytes) => process.stdout.write(bytes),
    stderr: (text) => process.stderr.write(text),
  });
  // Let stdout drain before exiting: large JSON through a pipe must not be cut off.
  process.exitCode = exitCode;
}
