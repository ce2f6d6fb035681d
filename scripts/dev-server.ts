import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { searchAttributeDefinitions } from '../workflows/search-attributes';

/** Temporal CLI spellings of our search attribute types. */
const cliType: Record<string, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** `--search-attribute Name=Type` arguments registering every project search attribute. */
export function searchAttributeArgs(): string[] {
  return searchAttributeDefinitions.flatMap(({ name, type }) => ['--search-attribute', `${name}=${cliType[type]}`]);
}

/** True when something accepts TCP connections at `host:port` within `timeoutMs`. */
export function answers(address: string, timeoutMs = 500): Promise<boolean> {
  const [host, port] = splitAddress(address);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => {
      done(false);
    });
    socket.once('connect', () => {
      done(true);
    });
    socket.once('error', () => {
      done(false);
    });
  });
}

export function splitAddress(address: string): [string, number] {
  const index = address.lastIndexOf(':');
  return [address.slice(0, index) || 'localhost', Number(address.slice(index + 1))];
}

/** Waits until `address` answers, or throws after `timeoutMs`. */
export async function waitUntilAnswers(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await answers(address)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing answers at ${address} after ${timeoutMs} ms`);
}

export interface DevServerOptions {
  cliPath: string;
  address: string;
  uiPort: number;
  dbFile: string;
  namespace: string;
}

/** Starts the Temporal CLI dev server (SQLite in WAL mode, our search attributes registered). */
export function startDevServer(options: DevServerOptions): ChildProcess {
  const [host, port] = splitAddress(options.address);
  const args = [
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    options.dbFile,
    '--sqlite-pragma',
    'journal_mode=wal',
    '--namespace',
    options.namespace,
    '--log-level',
    'error',
    ...searchAttributeArgs(),
  ];
  return spawn(options.cliPath, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
}
