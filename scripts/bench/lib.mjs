// Helpers shared by the benchmark scripts: statistics, whole-process timing, and formatting.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The q-quantile (0..1) of a list of numbers, by linear interpolation between the nearest ranks. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export const median = (values) => quantile(values, 0.5);

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const mainThreadPreload = new URL('./mainThreadCpu.mjs', import.meta.url).href;

/**
 * Runs a command to completion and returns its wall-clock time in ms, as the shell's `time` would see it
 * (process start-up and exit included). stdout goes to /dev/null unless `captureStdout`; stderr is kept.
 * Where GNU time exists, the process's CPU time (user + sys, ms) and peak RSS (bytes) come back too: CPU time
 * is the steadier figure on a shared, busy machine. With `mainThread`, the main thread's CPU time as well
 * (`mainThreadCpuMs`): what the wall time of a process that works on two threads follows on an idle machine.
 */
export function timeProcess(
  command,
  args,
  { cwd, captureStdout = false, timeoutMs = 60 * 60_000, env, mainThread = false } = {},
) {
  const devNull = captureStdout ? undefined : openSync('/dev/null', 'w');
  const timeFile = gnuTime ? join(tmpdir(), `bench-time-${process.pid}.txt`) : undefined;
  // `mainThread` (a Node command): the main thread's own CPU time too, through a preloaded module.
  const mainThreadFile = mainThread ? join(tmpdir(), `bench-main-thread-${process.pid}.txt`) : undefined;
  if (mainThreadFile) {
    rmSync(mainThreadFile, { force: true });
    args = ['--import', mainThreadPreload, ...args];
    env = { ...(env ?? process.env), BENCH_MAIN_THREAD_CPU: mainThreadFile };
  }
  const [file, argv] = gnuTime
    ? [gnuTime, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]]
    : [command, args];
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(file, argv, {
      cwd,
      env: env ?? process.env,
      stdio: ['ignore', captureStdout ? 'pipe' : devNull, 'pipe'],
      maxBuffer: 1024 * 1024 * 1024,
      timeout: timeoutMs,
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.error) throw result.error;
    const measured = {
      ms,
      status: result.status,
      signal: result.signal,
      stdout: result.stdout ?? '',
      stderr: result.stderr ?? '',
    };
    if (timeFile && existsSync(timeFile)) {
      // GNU time's last line: "<wall s> <user s> <sys s> <max RSS KiB>" (an exit-status note may precede it).
      const [, user, sys, rss] = readFileSync(timeFile, 'utf8')
        .trim()
        .split('\n')
        .pop()
        .split(' ')
        .map(Number);
      if (Number.isFinite(user)) Object.assign(measured, { cpuMs: (user + sys) * 1000, peakRss: rss * 1024 });
      rmSync(timeFile, { force: true });
    }
    if (mainThreadFile && existsSync(mainThreadFile)) {
      measured.mainThreadCpuMs = Number(readFileSync(mainThreadFile, 'utf8'));
      rmSync(mainThreadFile, { force: true });
    }
    return measured;
  } finally {
    if (devNull !== undefined) closeSync(devNull);
  }
}

/** Runs a Node script that prints one JSON line as its last line of stdout, and returns that object. */
export function runJsonChild(args, { cwd, timeoutMs } = {}) {
  const result = timeProcess(process.execPath, args, { cwd, captureStdout: true, timeoutMs });
  const lines = result.stdout.trim().split('\n');
  try {
    return { ...JSON.parse(lines[lines.length - 1]), wallMs: result.ms };
  } catch {
    throw new Error(
      `node ${args.join(' ')} exited ${result.status ?? result.signal}:\n${result.stderr || result.stdout}`.slice(
        0,
        4000,
      ),
    );
  }
}

export function formatMs(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

export function formatBytes(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

export const formatRatio = (ratio) =>
  Number.isFinite(ratio) ? `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}x` : 'n/a';

export const formatCount = (count) => count.toLocaleString('en-US');
