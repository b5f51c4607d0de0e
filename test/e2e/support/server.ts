import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUTPUT_KEPT = 20_000;

/** The real product, running in its own process for browser tests. */
export interface RunningServer {
  /** Where to reach it, such as http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  /** The fresh folder holding its SQLite database and outbox. */
  dataDir: string;
  /** The last part of what the server wrote to stdout and stderr, to explain a failure. */
  output(): string;
  /** Stops the server and removes its folder; fails if the server had crashed. */
  stop(): Promise<void>;
  /**
   * Stops the server's process (SIGTERM, as a deploy does) and starts it again on the same
   * port with the same data folder, as after a restart; answers once it is healthy again.
   * Open pages keep their address. Fails if the server had crashed.
   */
  restart(options?: RestartOptions): Promise<void>;
}

export interface RestartOptions {
  /** Runs while no server is listening, before the new process starts. */
  whileStopped?: () => Promise<void>;
}

export interface StartServerOptions {
  /** Extra environment for the server, such as DATABASE_URL or a feature switch. */
  env?: Record<string, string>;
  /** How long to wait for GET /healthz to answer 200. */
  readyTimeoutMs?: number;
}

/** Asks the operating system for a port nobody is listening on. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('The operating system did not give a free port.'));
      });
    });
  });
}

/**
 * Starts `src/main.ts` on a free port with a fresh data folder and the demo convening,
 * and waits until it says it is healthy. The server is the same code people run: no
 * test doubles, so a browser test covers the wiring too.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'convene-e2e-'));
  const env: Record<string, string | undefined> = {
    ...process.env,
    // A developer's own database must never receive test data: only the test may set one.
    DATABASE_URL: undefined,
    // Set by node:test in each test process; the server is not a test.
    NODE_TEST_CONTEXT: undefined,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    CONVENE_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    CONVENE_DEMO: 'on',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  let output = '';
  const keep = (chunk: string) => {
    output = (output + chunk).slice(-OUTPUT_KEPT);
  };

  /** One process of the server; a restart starts another on the same port and folder. */
  const launch = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', keep);
    child.stderr.setEncoding('utf8').on('data', keep);
    const running: {
      child: typeof child;
      exit?: { code: number | null; signal: NodeJS.Signals | null };
      exited: Promise<void>;
    } = {
      child,
      exited: new Promise<void>((resolve) => {
        child.once('exit', (code, signal) => {
          running.exit = { code, signal };
          resolve();
        });
      }),
    };
    return running;
  };
  let current = launch();

  // Never leave a server behind when the test process ends early.
  const killOnExit = () => current.child.kill('SIGKILL');
  process.once('exit', killOnExit);

  /** Stops the current process; answers how it had ended if it crashed before. */
  const stopProcess = async () => {
    const { child, exited } = current;
    const crashed = current.exit;
    if (!crashed) {
      child.kill('SIGTERM');
      const stoppedInTime = await Promise.race([
        exited.then(() => true),
        sleep(5000, false, { ref: false }),
      ]);
      if (!stoppedInTime) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    return crashed;
  };

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.removeListener('exit', killOnExit);
    const crashed = await stopProcess();
    rmSync(dataDir, { recursive: true, force: true });
    if (crashed) {
      throw new Error(
        `The server stopped on its own during the tests (${describeExit(crashed)}). Its output:\n${output}`,
      );
    }
  };

  /** Waits until the current process answers GET /healthz with 200; answers why not otherwise. */
  const waitUntilHealthy = async (timeoutMs: number): Promise<string | null> => {
    const deadline = Date.now() + timeoutMs;
    let lastAnswer = 'no answer yet';
    while (Date.now() < deadline && current.exit === undefined) {
      try {
        const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return null;
        lastAnswer = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
      } catch (error) {
        lastAnswer = error instanceof Error ? String(error.cause ?? error.message) : String(error);
      }
      await sleep(100);
    }
    return current.exit === undefined
      ? `GET ${url}/healthz did not answer 200 within ${timeoutMs} ms (last: ${lastAnswer})`
      : `the server exited before it was ready (${describeExit(current.exit)})`;
  };

  const timeoutMs = options.readyTimeoutMs ?? 30_000;

  const restart = async (restartOptions: RestartOptions = {}) => {
    if (stopping) throw new Error('The server was stopped: it cannot be restarted.');
    const crashed = await stopProcess();
    if (crashed) {
      throw new Error(
        `The server stopped on its own before the restart (${describeExit(crashed)}). Its output:\n${output}`,
      );
    }
    await restartOptions.whileStopped?.();
    current = launch();
    const problem = await waitUntilHealthy(timeoutMs);
    if (problem) {
      throw new Error(`Could not restart Convene: ${problem}.\nServer output:\n${output}`);
    }
  };

  const reason = await waitUntilHealthy(timeoutMs);
  if (reason === null) return { url, port, dataDir, output: () => output, stop, restart };
  await stop().catch(() => {});
  throw new Error(
    `Could not start Convene for the browser tests: ${reason}.\nServer output:\n${output || '(none)'}`,
  );
}

function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null } | undefined) {
  if (!exit) return 'still running';
  if (exit.signal) return `killed by ${exit.signal}`;
  // Node's own code for a top-level await that never settled, such as an import cycle.
  if (exit.code === 13)
    return 'exit code 13: a top-level await never settled, often an import cycle';
  return `exit code ${exit.code}`;
}
