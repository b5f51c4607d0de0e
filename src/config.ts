import { resolve } from 'node:path';

/** Everything the product reads from its environment, checked once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string;
  isProduction: boolean;
  /** Development switch: every visitor may use the organizer pages. Never on in production. */
  devOrganizer: boolean;
  /** Load the demo convening when the database holds no edition yet. */
  loadDemo: boolean;
  logLevel: string;
}

/** Raised when an environment variable holds a value the product cannot use. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, allowed: string) {
    super(`${variable}="${value}" is not allowed: ${allowed}.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readSwitch(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'off', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(name, value, 'use on or off (also 1/0, true/false, yes/no)');
}

/** Reads and checks the configuration; throws a ConfigError naming the variable, the value and what is allowed. */
export function readConfig(env: Env = process.env): Config {
  const portText = env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new ConfigError('PORT', portText, 'a whole number from 1 to 65535');
  }
  const host = env.HOST || '127.0.0.1';
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['production', 'development', 'test'].includes(nodeEnv)) {
    throw new ConfigError('NODE_ENV', nodeEnv, 'production, development or test');
  }
  const isProduction = nodeEnv === 'production';
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/.+/.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL',
      databaseUrl,
      'a PostgreSQL address such as postgresql://user@127.0.0.1:5432/convene, or unset for the embedded SQLite file',
    );
  }
  const publicUrlText = env.PUBLIC_URL || `http://localhost:${port}`;
  let publicUrl: string;
  try {
    const url = new URL(publicUrlText);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    publicUrl = url.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(
      'PUBLIC_URL',
      publicUrlText,
      'the full address people use to reach Convene, such as https://convene.example.org',
    );
  }
  const isEmbedded = databaseUrl === null && !isProduction;
  const devOrganizer = readSwitch(env, 'CONVENE_DEV_ORGANIZER', isEmbedded);
  if (devOrganizer && isProduction) {
    throw new ConfigError(
      'CONVENE_DEV_ORGANIZER',
      env.CONVENE_DEV_ORGANIZER ?? 'on',
      'the development switch cannot be on when NODE_ENV=production',
    );
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      logLevel,
      'fatal, error, warn, info, debug, trace or silent',
    );
  }
  return {
    port,
    host,
    dataDir: resolve(env.CONVENE_DATA_DIR || './data'),
    databaseUrl,
    publicUrl,
    isProduction,
    devOrganizer,
    loadDemo: readSwitch(env, 'CONVENE_DEMO', isEmbedded),
    logLevel,
  };
}
