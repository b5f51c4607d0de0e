import type { UseCaseDeps } from '../deps.ts';
import type { Logger } from '../ports.ts';
import { processDueMail, type MailStepReport } from './process-due-mail.ts';

/** A running mail worker. */
export interface MailWorker {
  /** Stops taking new work and waits for the step in progress to finish. */
  stop(): Promise<void>;
}

/** Emails one step takes at most; the next step follows at once while more are due. */
const DEFAULT_STEP_LIMIT = 20;

function describeStep(report: MailStepReport): string {
  return [
    `${report.sent} sent`,
    `${report.retrying} to be tried again`,
    `${report.failed} could not be sent`,
    ...(report.interrupted > 0 ? [`${report.interrupted} interrupted earlier, not resent`] : []),
  ].join(', ');
}

/**
 * Sends queued email in the background, every `intervalMs`: started by the composition root
 * once the server listens, stopped when it closes. A failing step (the database unreachable)
 * is logged and tried again at the next tick; it never stops the process. Any number of
 * workers, in one process or many, may run against one database.
 */
export function startMailWorker(
  deps: UseCaseDeps,
  options: { intervalMs: number; limit?: number; log: Logger },
): MailWorker {
  const limit = options.limit ?? DEFAULT_STEP_LIMIT;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const step = async (): Promise<number> => {
    try {
      const report = await processDueMail(deps, { limit });
      if (report.claimed > 0 || report.interrupted > 0) {
        options.log.info({ mail: report }, `Mail: ${describeStep(report)}.`);
      }
      return report.claimed;
    } catch (error) {
      options.log.error(
        { err: error },
        'Mail: the queue could not be processed; trying again at the next step.',
      );
      return 0;
    }
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = step().then((claimed) => {
        running = undefined;
        schedule(claimed >= limit ? 0 : options.intervalMs);
      });
    }, delay);
    // The worker alone never keeps the process running.
    timer.unref();
  };

  schedule(options.intervalMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
