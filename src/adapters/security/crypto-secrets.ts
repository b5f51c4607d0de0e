import { createHash, randomBytes } from 'node:crypto';
import type { Secrets } from '../../app/ports.ts';

/** Tokens of 256 random bits, base64url; stored only as their SHA-256 hash. */
export function createCryptoSecrets(): Secrets {
  return {
    newToken: () => randomBytes(32).toString('base64url'),
    hash: (token: string) => createHash('sha256').update(token, 'utf8').digest('hex'),
  };
}
