import type { FastifyInstance } from 'fastify';
import { fetchCsrf } from './web-app.ts';

/** A file as a browser attaches it to a form. */
export interface UploadedFile {
  field: string;
  fileName: string;
  content: string | Buffer;
  contentType?: string;
}

/** Encodes fields and at most one file as multipart/form-data, the way a browser sends a form with a file input. */
export function multipartBody(
  fields: Record<string, string>,
  file?: UploadedFile,
): { boundary: string; payload: Buffer } {
  const boundary = `----ConveneTestBoundary${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, payload: Buffer.concat(parts) };
}

/** Posts a form with enctype="multipart/form-data", with the CSRF token of a page it loaded, as a browser does. */
export async function postMultipart(
  app: FastifyInstance,
  url: string,
  fields: Record<string, string>,
  options: { file?: UploadedFile; cookies?: Record<string, string> } = {},
) {
  const csrf = await fetchCsrf(app, options.cookies ?? {});
  const { boundary, payload } = multipartBody({ _csrf: csrf.token, ...fields }, options.file);
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    cookies: csrf.cookies,
    payload,
  });
}
