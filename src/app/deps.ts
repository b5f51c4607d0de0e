import type { Clock, IdGenerator, Links, Mailer, Secrets, Store } from './ports.ts';

/** What every use case is given by the composition root. */
export interface UseCaseDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  secrets: Secrets;
  mailer: Mailer;
  links: Links;
}

/** Raised when a record named in a request does not exist (or may not be seen). */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found.`);
    this.name = 'NotFoundError';
  }
}
