/**
 * Starts Convene: reads the configuration, opens and migrates the database, loads the demo on
 * an empty embedded database, and serves the web application until asked to stop.
 */
import { createIcalCalendarRenderer } from './adapters/calendar/ical-calendar.ts';
import { loadDemoIfEmpty } from './app/demo/load-demo.ts';
import { ConfigError, readConfig, type Config } from './config.ts';
import { compose } from './main.ts';
import { buildWebApp } from './web/app.ts';

/** Starts the server on the configured port; exits with a plain message when the configuration is wrong. */
export async function startServer(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Convene cannot start: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const composition = await compose(config);
  if (config.loadDemo) {
    const loaded = await loadDemoIfEmpty(composition.deps);
    if (loaded) process.stderr.write('Loaded the demo convening (fictional people) into the empty database.\n');
  }
  const app = await buildWebApp({
    deps: composition.deps,
    calendar: createIcalCalendarRenderer(),
    checkHealth: composition.checkHealth,
    publicUrl: config.publicUrl,
    devOrganizer: config.devOrganizer,
    cacheViews: config.isProduction,
    logger: { level: config.logLevel },
  });
  const stop = async (signal: string) => {
    app.log.info(`${signal} received: finishing open requests, then stopping`);
    await app.close();
    await composition.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  process.stderr.write(
    `Convene is running at ${where} (database: ${composition.connection.kind}${config.databaseUrl ? '' : `, data in ${config.dataDir}`}).\n` +
      (config.devOrganizer ? `Development switch is on: everyone may use the organizer pages at ${where}/organize.\n` : ''),
  );
}
