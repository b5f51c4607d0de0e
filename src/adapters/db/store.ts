import type { Kysely } from 'kysely';
import type { Store } from '../../app/ports.ts';
import { AccessRepository } from './access.repository.ts';
import { AuditRepository } from './audit.repository.ts';
import { BreakoutRepository } from './breakout.repository.ts';
import { IntroductionRepository, toIntroductionMail } from './introduction.repository.ts';
import { PeerRepository } from './peer.repository.ts';
import { FollowUpGroupRepository } from './follow-up-group.repository.ts';
import { ResourceRepository } from './resource.repository.ts';
import { DirectoryRepository } from './directory.repository.ts';
import { NotesRepository } from './notes.repository.ts';
import { SubscriptionRepository, toSubscriptionMail } from './subscription.repository.ts';
import { WriteupRepository } from './writeup.repository.ts';
import { InviteeRepository } from './invitee.repository.ts';
import { LiveRepository } from './live.repository.ts';
import { MailRepository, toQueuedMail } from './mail.repository.ts';
import { MailQueueTable, withMailQueue } from './mail-queue-table.ts';
import { PeopleRepository } from './people.repository.ts';
import { PersonalDataRepository } from './personal-data.repository.ts';
import { ProgrammeRepository } from './programme.repository.ts';
import { ReportRepository } from './report.repository.ts';
import { RegistrationRepository } from './registration.repository.ts';
import { StatsRepository } from './stats.repository.ts';
import { ThemeTagRepository } from './theme-tag.repository.ts';
import type { Database } from './schema.ts';

/** The use cases' Store over one database; inside a transaction every repository shares it. */
export function createStore(db: Kysely<Database>): Store {
  return {
    programme: new ProgrammeRepository(db),
    people: new PeopleRepository(db),
    access: new AccessRepository(db),
    audit: new AuditRepository(db),
    invitees: new InviteeRepository(db),
    mail: withMailQueue(
      new MailRepository(db),
      // A send recorded after it was given up as interrupted went out: it shows as sent.
      new MailQueueTable(db, 'outgoing_mail', toQueuedMail, ['sending', 'failed']),
    ),
    registrations: new RegistrationRepository(db),
    personalData: new PersonalDataRepository(db),
    live: new LiveRepository(db),
    breakouts: new BreakoutRepository(db),
    notes: new NotesRepository(db),
    writeups: new WriteupRepository(db),
    subscriptions: withMailQueue(
      new SubscriptionRepository(db),
      new MailQueueTable(db, 'subscription_mail', toSubscriptionMail, ['sending', 'failed']),
    ),
    reports: new ReportRepository(db),
    themeTags: new ThemeTagRepository(db),
    stats: new StatsRepository(db),
    introductions: withMailQueue(
      new IntroductionRepository(db),
      new MailQueueTable(db, 'introduction_mail', toIntroductionMail),
    ),
    peers: new PeerRepository(db),
    resources: new ResourceRepository(db),
    followUpGroups: new FollowUpGroupRepository(db),
    directory: new DirectoryRepository(db),
    transaction: (work) =>
      db.isTransaction
        ? work(createStore(db))
        : db.transaction().execute((trx) => work(createStore(trx))),
  };
}
