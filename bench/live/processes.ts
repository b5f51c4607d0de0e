// The processes the live bench starts and watches: Convene servers (the real `src/main.ts`),
// the raw WebSocket baseline, and the sampling of their CPU and memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
// The same probe the browser tests use to start the product on a free port.
import { findFreePort } from '../../test/e2e/support/server.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUTPUT_KEPT = 20_000;
/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** A child process the bench started, with what it printed (to explain a failure). */
export interface Child {
  pid: number;
  port: number;
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after 5 s); safe to call twice. */
  stop(): Promise<void>;
}

function watch(child: ChildProcess, port: number): Child & { exited: () => boolean } {
  let output = '';
  const keep = (chunk: string) => {
    output = (output + chunk).slice(-OUTPUT_KEPT);
  };
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  let exited = false;
  const done = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // Never leave a server behind when the bench ends early.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    pid: child.pid ?? 0,
    port,
    output: () => output,
    exited: () => exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (exited) return;
      child.kill('SIGTERM');
      const inTime = await Promise.race([
        done.then(() => true),
        sleep(5000, false, { ref: false }),
      ]);
      if (!inTime) {
        child.kill('SIGKILL');
        await done;
      }
    },
  };
}

/**
 * Starts Convene as people run it (`node --import tsx src/main.ts`) with `env` on top of the
 * bench's own environment, and waits until GET /healthz answers 200.
 */
export async function startConvene(env: Record<string, string | undefined>): Promise<Child> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      NODE_TEST_CONTEXT: undefined,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const watched = watch(child, port);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !watched.exited()) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.status === 200) return watched;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await watched.stop();
  throw new Error(`Convene did not become healthy on port ${port}. Output:\n${watched.output()}`);
}

/** Starts the raw WebSocket broadcast server and waits for the port it prints. */
export async function startBaseline(): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./ws-baseline-server.ts', import.meta.url))],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The ws baseline did not start.')), 30_000);
    child.stdout.setEncoding('utf8').once('data', (line: string) => {
      clearTimeout(timer);
      resolve(Number(line.trim()));
    });
    child.once('exit', () => reject(new Error('The ws baseline exited before listening.')));
  });
  return watch(child, port);
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name: state is the 3rd field, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU (percent of one core, summed over the processes) and peak memory over a window. */
export interface Usage {
  cpuPct: number;
  rssMb: number;
}

/** Samples processes from now until `stop()`: CPU time used, and resident memory every 500 ms. */
export function sampleProcesses(pids: number[]): { stop(): Usage } {
  const started = performance.now();
  const ticks = pids.map(cpuTicks);
  const peaks = pids.map(rssMb);
  const timer = setInterval(() => {
    pids.forEach((pid, i) => {
      peaks[i] = Math.max(peaks[i] ?? 0, rssMb(pid));
    });
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      const used = pids.reduce((sum, pid, i) => sum + cpuTicks(pid) - (ticks[i] ?? 0), 0);
      return {
        cpuPct: round((100 * used) / TICKS_PER_SECOND / seconds, 1),
        rssMb: round(
          pids.reduce((sum, pid, i) => sum + Math.max(peaks[i] ?? 0, rssMb(pid)), 0),
          0,
        ),
      };
    },
  };
}

function machineTicks(): { busy: number } {
  // The first line of /proc/stat sums every core: user nice system idle iowait irq softirq steal.
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return {
    busy: (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0),
  };
}

/** Samples the whole machine's busy CPU (every process, the database too), in percent of one core. */
export function sampleMachine(): { stop(): number } {
  const started = performance.now();
  const before = machineTicks().busy;
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      return round((100 * (machineTicks().busy - before)) / TICKS_PER_SECOND / seconds, 1);
    },
  };
}

/** Samples the bench's own CPU (the load generator), in percent of one core. */
export function sampleSelf(): { stop(): number } {
  const started = performance.now();
  const before = process.cpuUsage();
  return {
    stop() {
      const used = process.cpuUsage(before);
      const ms = performance.now() - started;
      return round((100 * (used.user + used.system)) / 1000 / ms, 1);
    },
  };
}

/** Rounds to `digits` decimals. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
