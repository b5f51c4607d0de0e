import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../app/deps.ts';
import type { OutboxReader } from '../../../app/ports.ts';
import { splitLinks } from '../../presenters/outbox.presenter.ts';
import { formatDateTime } from '../../presenters/time.ts';

/**
 * The development outbox: the email Convene wrote to a folder instead of sending it, so that
 * a newcomer can follow sign-in and invitation links without a mail server. Registered only
 * when no SMTP server is configured and never in production.
 */
export async function devOutboxRoutes(app: FastifyInstance, options: { outbox: OutboxReader }) {
  app.get('/dev/outbox', async (request, reply) => {
    const zone = request.viewerTimeZone ?? 'UTC';
    const messages = await options.outbox.list();
    return reply.render('dev/outbox.njk', {
      title: 'Development outbox',
      zoneLabel: zone.replace(/_/g, ' '),
      messages: messages.map((message) => ({
        ...message,
        path: `/dev/outbox/${encodeURIComponent(message.file)}`,
        when: message.date ? formatDateTime(message.date, zone) : '',
      })),
    });
  });

  app.get<{ Params: { file: string } }>('/dev/outbox/:file', async (request, reply) => {
    // The reader opens only names that the outbox folder lists, so "../" leads nowhere.
    const message = await options.outbox.read(request.params.file);
    if (!message) throw new NotFoundError('The message');
    return reply.render('dev/outbox-message.njk', {
      title: `Development outbox: ${message.subject || '(no subject)'}`,
      message,
      parts: splitLinks(message.text),
    });
  });
}
