import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ComposeFile {
  services: Record<
    string,
    { image?: string; build?: unknown; command?: string[]; environment?: Record<string, unknown> }
  >;
}

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8')) as ComposeFile;

  it('given the file, then it names Temporal on PostgreSQL, the Web UI, the API and two workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'postgresql', 'setup', 'temporal', 'temporal-ui', 'worker-1', 'worker-2'].sort(),
    );
    expect(compose.services.api!.command).toEqual(['npx', 'tsx', 'api/main.ts']);
    expect(compose.services['worker-1']!.command).toEqual(['npx', 'tsx', 'workers/main.ts']);
    expect(compose.services['worker-2']!.command).toEqual(['npx', 'tsx', 'workers/main.ts']);
  });

  it('given the processes, then each entry point it runs exists and points at the temporal service', () => {
    for (const name of ['api', 'worker-1', 'worker-2', 'setup']) {
      const service = compose.services[name]!;
      expect(fs.existsSync(path.join(__dirname, '../..', service.command![2]!))).toBe(true);
      expect(service.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
    }
  });
});
