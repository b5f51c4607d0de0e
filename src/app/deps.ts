import type {
  Clock,
  IdGenerator,
  Links,
  Mailer,
  RoomSignal,
  Secrets,
  Store,
  ThemeSuggester,
} from './ports.ts';

/** What every use case is given by the composition root. */
export interface UseCaseDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  secrets: Secrets;
  mailer: Mailer;
  links: Links;
  /** Tells live rooms that their log grew; a no-op where nothing listens (the CLI). */
  rooms: RoomSignal;
  /** Suggests an edition's themes for a text, on this machine. */
  themes: ThemeSuggester;
}

/** For places where no room is open: a command-line tool, a unit test. */
export const NO_ROOM_SIGNAL: RoomSignal = { roomChanged: () => {} };

/** Raised when a record named in a request does not exist (or may not be seen). */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found.`);
    this.name = 'NotFoundError';
  }
}
