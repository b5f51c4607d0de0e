import { resolve } from 'node:path';

/** Everything the product reads from its environment, checked once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  publicUrl: string;
  isProduction: boolean;
  /** Load the demo convening when the database holds no edition yet. */
  loadDemo: boolean;
  logLevel: string;
  /** SMTP server for outgoing mail; null writes mail to the outbox folder instead. */
  smtp: {
    host: string;
    port: number;
    secure: boolean;
    user: string | null;
    password: string | null;
  } | null;
  /** The sender of every email, such as "Convene <convene@example.org>". */
  mailFrom: string;
  /** Where mail goes when no SMTP server is configured. */
  outboxDir: string;
  /** Signs cookies (CSRF); read from CONVENE_SECRET, or kept in the data folder on the embedded default. */
  secret: string | null;
  /** The Jitsi server whose meeting links are embedded in session rooms; null links to every video instead. */
  jitsiDomain: string | null;
  /** Redis, where every server process counts rate limits together; null counts them in each process. */
  redisUrl: string | null;
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
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(
      'LOG_LEVEL',
      logLevel,
      'fatal, error, warn, info, debug, trace or silent',
    );
  }
  const smtpHost = env.SMTP_HOST || null;
  let smtp: Config['smtp'] = null;
  if (smtpHost) {
    const smtpPortText = env.SMTP_PORT || '587';
    const smtpPort = Number(smtpPortText);
    if (!/^\d+$/.test(smtpPortText) || smtpPort < 1 || smtpPort > 65535) {
      throw new ConfigError(
        'SMTP_PORT',
        smtpPortText,
        'a whole number from 1 to 65535, usually 587 or 465',
      );
    }
    smtp = {
      host: smtpHost,
      port: smtpPort,
      secure: readSwitch(env, 'SMTP_SECURE', smtpPort === 465),
      user: env.SMTP_USER || null,
      password: env.SMTP_PASSWORD || null,
    };
  } else if (isProduction) {
    throw new ConfigError(
      'SMTP_HOST',
      '',
      'the SMTP server that sends invitations and sign-in links; production cannot write mail to a folder',
    );
  }
  const mailFrom = env.MAIL_FROM || 'Convene <convene@localhost>';
  if (!/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(mailFrom.trim())) {
    throw new ConfigError(
      'MAIL_FROM',
      mailFrom,
      'an address such as convene@example.org or "Convene <convene@example.org>"',
    );
  }
  const secret = env.CONVENE_SECRET || null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError(
      'CONVENE_SECRET',
      '(hidden)',
      'a random value of at least 32 characters, for example from `openssl rand -hex 32`',
    );
  }
  if (secret === null && isProduction) {
    throw new ConfigError(
      'CONVENE_SECRET',
      '',
      'a random value of at least 32 characters; production needs it set so that every server signs cookies alike',
    );
  }
  const jitsiText = env.JITSI_DOMAIN ?? 'meet.jit.si';
  if (
    jitsiText !== '' &&
    !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(jitsiText)
  ) {
    throw new ConfigError(
      'JITSI_DOMAIN',
      jitsiText,
      'the host name of a Jitsi server such as meet.jit.si or jitsi.example.gov (no https://), or empty to link to every video instead of embedding it',
    );
  }
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl !== null && !/^rediss?:\/\/.+/.test(redisUrl)) {
    throw new ConfigError(
      'REDIS_URL',
      redisUrl,
      'a Redis address such as redis://127.0.0.1:6379, or unset to count rate limits in each server process',
    );
  }
  const dataDir = resolve(env.CONVENE_DATA_DIR || './data');
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    publicUrl,
    isProduction,
    loadDemo: readSwitch(env, 'CONVENE_DEMO', isEmbedded),
    logLevel,
    smtp,
    mailFrom: mailFrom.trim(),
    outboxDir: resolve(dataDir, 'outbox'),
    secret,
    jitsiDomain: jitsiText === '' ? null : jitsiText.toLowerCase(),
    redisUrl,
  };
}
