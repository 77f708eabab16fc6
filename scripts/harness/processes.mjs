// @ts-check
// The real VS Code's processes, seen from outside (Linux /proc): which of a code-server's processes are
// extension hosts, and what one of them costs in memory and CPU time. For benchmarks that report the
// extension host's weight next to their timings (scripts/bench/vscodePanel.mjs).
import { readdirSync, readFileSync } from 'node:fs';

/** /proc/<pid>/stat's fields after the command name (which may contain spaces and parentheses). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The pids of the extension hosts in a process group (code-server forks one per window), oldest first. */
export function extensionHostPids(pgid) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(entry)[2]) !== pgid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('extensionHost')) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids.sort((a, b) => a - b);
}

/**
 * A process's resident memory now and its peak (bytes), and its CPU time so far (user + system, ms).
 * Undefined when the process is gone.
 */
export function processUsage(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    const fields = statFields(pid);
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the name), in clock ticks of 1/100 s.
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * 10;
    return { rss: kilobytes('VmRSS'), peakRss: kilobytes('VmHWM'), cpuMs };
  } catch {
    return undefined;
  }
}
