import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import type { MarkdownRenderer } from '../../app/ports.ts';

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

/** What the views need: whether to cache templates, and how to render what people wrote. */
export interface ViewsOptions {
  cache: boolean;
  markdown: MarkdownRenderer;
}

/** Server-rendered pages with Nunjucks, escaping by default. */
export const viewsPlugin = fp(async (app: FastifyInstance, options: ViewsOptions) => {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(VIEWS, { noCache: !options.cache }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );
  // "8" → "08:00": daytime hours as people read them.
  env.addFilter('hour', (value: unknown) => `${String(value).padStart(2, '0')}:00`);
  // `{{ text | markdown(4) }}`: what people wrote, as HTML whose top headings are h4. Text that
  // people typed is marked safe here only, and only as the Markdown renderer made it safe.
  env.addFilter(
    'markdown',
    (value: unknown, headingLevel?: number) =>
      new nunjucks.runtime.SafeString(
        options.markdown.render(typeof value === 'string' ? value : '', { headingLevel }),
      ),
  );
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
