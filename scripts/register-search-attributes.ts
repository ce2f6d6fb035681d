/* Registers the project's search attributes in the configured namespace (for an existing cluster). */
import { Connection } from '@temporalio/client';
import { loadConfig } from '../config/config';
import { registerSearchAttributes } from '../config/search-attributes';
import { clientConnectionOptions } from '../config/temporal';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const connection = await Connection.connect(clientConnectionOptions(config));
  const added = await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  console.log(added.length > 0 ? `registered: ${added.join(', ')}` : 'search attributes already registered');
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
