import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface ServerConfig {
  dataDir: string;
  port: number;
  host: string;
  /** Seed the demo meeting into an empty database (off: only an admin is created). */
  demo: boolean;
  /** `postgres://…` (a city-wide deployment); undefined: the SQLite file in the data folder. */
  databaseUrl: string | undefined;
}

export class ConfigError extends Error {}

/** Command line first, then environment, then defaults. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
      database: { type: 'string' },
    },
    strict: true,
  });
  const portText = values.port ?? env.CABINET_PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Invalid port: ${portText}`);
  return {
    dataDir: resolve(values.data ?? env.CABINET_DATA_DIR ?? 'data'),
    port,
    host: values.host ?? env.CABINET_HOST ?? '0.0.0.0',
    databaseUrl: values.database ?? (env.CABINET_DATABASE_URL || undefined),
    demo: !(values['no-demo'] ?? ['0', 'false', 'no'].includes((env.CABINET_DEMO ?? '').toLowerCase())),
  };
}
