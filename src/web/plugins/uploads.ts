import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MAX_INVITEE_FILE_BYTES } from '../../app/invitees/invitee-file.ts';

/** The largest upload accepted, the largest file an import reads. */
export const MAX_UPLOAD_BYTES = MAX_INVITEE_FILE_BYTES;

const TOO_LARGE_CODES = new Set([
  'FST_REQ_FILE_TOO_LARGE',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
  'FST_PARTS_LIMIT',
]);

/** What the 413 page says when an upload is over the limits. */
export const UPLOAD_TOO_LARGE = {
  title: 'The file is too large',
  message:
    'Convene accepts one file of up to 2 MB at a time. Split the file into smaller ones, or remove the columns Convene does not read, and try again.',
};

/** Whether an error is an upload over the limits below (answered with 413, never a 500). */
export function isUploadTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    TOO_LARGE_CODES.has(String(error.code))
  );
}

/**
 * File uploads (multipart/form-data). Each form's fields, the CSRF token among them, arrive in
 * request.body like any other form's, a file as a Buffer; one file and a few fields of at most
 * 2 MB each.
 */
export const uploadsPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: {
      files: 1,
      fileSize: MAX_UPLOAD_BYTES,
      // One byte over, so that a field cut short at the limit is seen as too large, never read short.
      fieldSize: MAX_UPLOAD_BYTES + 1,
      fields: 10,
      parts: 11,
    },
  });
});
