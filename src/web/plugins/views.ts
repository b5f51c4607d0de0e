import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';

const VIEWS = fileURLToPath(new URL('../views', import.meta.url));

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page; values are HTML-escaped unless a template marks them safe. */
    render(view: string, data?: Record<string, unknown>, status?: number): FastifyReply;
  }
  interface FastifyRequest {
    /** Values every page needs (who is asking, their time zone, the current path). */
    pageGlobals: Record<string, unknown>;
  }
}

/** Server-rendered pages with Nunjucks, escaping by default. */
export const viewsPlugin = fp(async (app: FastifyInstance, options: { cache: boolean }) => {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(VIEWS, { noCache: !options.cache }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );
  // "8" → "08:00": daytime hours as people read them.
  env.addFilter('hour', (value: unknown) => `${String(value).padStart(2, '0')}:00`);
  (app.decorateRequest as (name: string, value: unknown) => void).call(app, 'pageGlobals', null);
  app.addHook('onRequest', async (request) => {
    request.pageGlobals = { currentPath: request.url };
  });
  app.decorateReply(
    'render',
    function (this: FastifyReply, view: string, data: Record<string, unknown> = {}, status = 200) {
      const html = env.render(view, { ...this.request.pageGlobals, ...data });
      return this.code(status).type('text/html; charset=utf-8').send(html);
    },
  );
});
