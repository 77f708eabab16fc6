// Preloaded into a timed Node process (`node --import mainThreadCpu.mjs …`, see timeProcess): at exit, writes
// the main thread's own CPU time (ms) to the file named by BENCH_MAIN_THREAD_CPU. `roadmap lint` reads files on a
// worker thread while its main thread parses; on an idle machine its wall time follows the main thread, and that
// figure stays steady when a busy machine inflates every wall time. Linux only (/proc); elsewhere nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const target = process.env.BENCH_MAIN_THREAD_CPU;
if (isMainThread && target) {
  process.on('exit', () => {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second).
      const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      writeFileSync(target, String((Number(fields[11]) + Number(fields[12])) * 10));
    } catch {
      // No /proc: the figure is left out.
    }
  });
}
