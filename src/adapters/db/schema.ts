import type { ColumnType } from 'kysely';

/** Row types of the database, in snake_case as stored. They never leave the repositories. */
export interface GovernmentsTable {
  id: string;
  code: string;
  country: string;
  team_name: string;
}

export interface PeopleTable {
  id: string;
  name: string;
  email: string;
  government_id: string | null;
  role: string;
  maturity: string;
  time_zone: string;
}

export interface EditionsTable {
  id: string;
  slug: string;
  name: string;
  year: number;
  /** JSON array of host names. */
  hosts: string;
  home_time_zone: string;
  start_date: string;
  end_date: string;
  format: string;
  location: string;
  status: string;
  daytime_start_hour: number;
  daytime_end_hour: number;
}

export interface DaysTable {
  id: string;
  edition_id: string;
  date: string;
  theme_label: string;
  guiding_question: string;
}

export interface ThemesTable {
  id: string;
  edition_id: string;
  name: string;
  description: string;
  position: number;
}

export interface SessionsTable {
  id: string;
  edition_id: string;
  title: string;
  format: string;
  starts_at: string;
  ends_at: string;
  description: string;
  video_url: string;
  /** Goes up when what a calendar shows changes (migration 0013-calendar-sequence). */
  calendar_sequence: ColumnType<number, number | undefined, number>;
}

export interface SessionContributorsTable {
  session_id: string;
  person_id: string;
  part: string;
  position: number;
}

export interface SessionThemesTable {
  session_id: string;
  theme_id: string;
}

export interface EditionInviteesTable {
  edition_id: string;
  person_id: string;
  invited_at: string;
  status: ColumnType<string, string | undefined, string>;
  invitation_sent_at: string | null;
  opened_at: string | null;
  responded_at: string | null;
}

export interface EditionMembersTable {
  edition_id: string;
  person_id: string;
  role: string;
  granted_at: string;
}

export interface RegistrationsTable {
  edition_id: string;
  person_id: string;
  display_name: string;
  time_zone: string;
  accessibility_needs: string;
  /** 1 or 0. */
  in_directory: number;
  /** JSON arrays of ids. */
  session_ids: string;
  struggling_theme_ids: string;
  helping_theme_ids: string;
  updated_at: string;
}

export interface SignInTokensTable {
  token_hash: string;
  person_id: string;
  edition_id: string | null;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface UserSessionsTable {
  session_hash: string;
  person_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface MailBatchesTable {
  id: string;
  edition_id: string;
  kind: string;
  requested_by: string | null;
  created_at: string;
}

export interface OutgoingMailTable {
  id: string;
  batch_id: string;
  edition_id: string;
  person_id: string;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  /**
   * What the once-per-person rule counts within (migration 0014): '' for invitations (once per
   * edition), the mail batch for introductions to a follow-up group (once per group's sending).
   */
  scope: ColumnType<string, string | undefined, string>;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_person_id: string | null;
  actor_label: string;
  edition_id: string | null;
  action: string;
  summary: string;
}

/** The whole database, as Kysely sees it. */
export interface Database {
  governments: GovernmentsTable;
  people: PeopleTable;
  editions: EditionsTable;
  days: DaysTable;
  themes: ThemesTable;
  sessions: SessionsTable;
  session_contributors: SessionContributorsTable;
  session_themes: SessionThemesTable;
  edition_invitees: EditionInviteesTable;
  edition_members: EditionMembersTable;
  registrations: RegistrationsTable;
  sign_in_tokens: SignInTokensTable;
  user_sessions: UserSessionsTable;
  mail_batches: MailBatchesTable;
  outgoing_mail: OutgoingMailTable;
  audit_log: AuditLogTable;
  live_rooms: LiveRoomsTable;
  room_events: RoomEventsTable;
  room_messages: RoomMessagesTable;
  room_questions: RoomQuestionsTable;
  room_question_votes: RoomQuestionVotesTable;
  room_mutes: RoomMutesTable;
  room_reactions: RoomReactionsTable;
  room_presence: RoomPresenceTable;
  breakout_plans: BreakoutPlansTable;
  breakout_round_links: BreakoutRoundLinksTable;
  breakout_rooms: BreakoutRoomsTable;
  breakout_assignments: BreakoutAssignmentsTable;
  breakout_apart_pairs: BreakoutApartPairsTable;
  breakout_absences: BreakoutAbsencesTable;
  notes: NotesTable;
  session_attribution: SessionAttributionTable;
  writeups: WriteupsTable;
  writeup_comments: WriteupCommentsTable;
  writeup_subscriptions: WriteupSubscriptionsTable;
  writeup_subscription_tokens: WriteupSubscriptionTokensTable;
  subscription_mail: SubscriptionMailTable;
  edition_reports: EditionReportsTable;
  theme_tags: ThemeTagsTable;
  message_promotions: MessagePromotionsTable;
  introductions: IntroductionsTable;
  introduction_blocks: IntroductionBlocksTable;
  introduction_mail: IntroductionMailTable;
  shared_resources: SharedResourcesTable;
  shared_resource_themes: SharedResourceThemesTable;
  shared_resource_comments: SharedResourceCommentsTable;
  follow_up_groupings: FollowUpGroupingsTable;
  follow_up_groups: FollowUpGroupsTable;
  follow_up_group_members: FollowUpGroupMembersTable;
  directory_profiles: DirectoryProfilesTable;
  store_locks: StoreLocksTable;
}

/** Rows that exist only to be locked (migration 0012-store-locks). */
export interface StoreLocksTable {
  name: string;
}

export interface LiveRoomsTable {
  session_id: string;
  last_seq: ColumnType<number, number | undefined, number>;
  queue_enabled: ColumnType<number, number | undefined, number>;
  asking_locked: ColumnType<number, number | undefined, number>;
  pinned_question_id: string | null;
  ended_at: string | null;
  opened_at: string | null;
}

export interface RoomEventsTable {
  session_id: string;
  seq: number;
  at: string;
  type: string;
  audience: string;
  actor_id: string | null;
  /** JSON of the event's payload. */
  payload: string;
}

export interface RoomMessagesTable {
  id: string;
  session_id: string;
  author_id: string;
  seq: number;
  text: string;
  reply_to_id: string | null;
  posted_at: string;
  hidden_at: string | null;
  hidden_by: string | null;
}

export interface RoomQuestionsTable {
  id: string;
  session_id: string;
  asker_id: string;
  seq: number;
  text: string;
  anonymous: number;
  status: string;
  asked_at: string;
  status_changed_at: string | null;
}

export interface RoomQuestionVotesTable {
  question_id: string;
  person_id: string;
  voted_at: string;
}

export interface RoomMutesTable {
  session_id: string;
  person_id: string;
  muted_at: string;
}

export interface RoomReactionsTable {
  session_id: string;
  person_id: string;
  kind: string;
  at: string;
}

export interface RoomPresenceTable {
  id: string;
  session_id: string;
  person_id: string;
  node_id: string;
  joined_at: string;
  last_seen_at: string;
  left_at: string | null;
}

export interface BreakoutPlansTable {
  edition_id: string;
  status: string;
  room_size_min: number;
  room_size_max: number;
  seed: number;
  /** JSON of the score of the rooms as they are now. */
  score: string | null;
  planned_at: string | null;
  published_by: string | null;
  published_at: string | null;
  revision: ColumnType<number, number | undefined, number>;
}

export interface BreakoutRoundLinksTable {
  session_id: string;
  meeting_url: string;
}

export interface BreakoutRoomsTable {
  id: string;
  edition_id: string;
  session_id: string;
  number: number;
  name: string;
  video_url: string;
  locked: ColumnType<number, number | undefined, number>;
  rapporteur_id: string | null;
}

export interface BreakoutAssignmentsTable {
  session_id: string;
  person_id: string;
  room_id: string;
}

export interface BreakoutApartPairsTable {
  edition_id: string;
  first_id: string;
  second_id: string;
}

export interface BreakoutAbsencesTable {
  session_id: string;
  person_id: string;
}

export interface NotesTable {
  id: string;
  edition_id: string;
  session_id: string;
  breakout_room_id: string | null;
  room_name: string;
  key_points: string;
  struggles: string;
  ideas: string;
  takeaways: string;
  quotes: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
  kind: ColumnType<string, string | undefined, string>;
}

export interface ThemeTagsTable {
  edition_id: string;
  subject_kind: string;
  subject_id: string;
  theme_id: string;
  tagged_by: string | null;
  tagged_at: string;
}

export interface MessagePromotionsTable {
  message_id: string;
  question_id: string;
  promoted_by: string | null;
  promoted_at: string;
}

export interface SessionAttributionTable {
  session_id: string;
  rule: string;
}

export interface WriteupsTable {
  id: string;
  edition_id: string;
  session_id: string;
  title: string;
  summary: string;
  body: string;
  status: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
  first_published_at: string | null;
  published_at: string | null;
}

export interface WriteupCommentsTable {
  id: string;
  writeup_id: string;
  person_id: string;
  body: string;
  hidden: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface WriteupSubscriptionsTable {
  id: string;
  edition_id: string;
  email: string;
  token_hash: string;
  status: string;
  created_at: string;
  confirmed_at: string | null;
}

export interface WriteupSubscriptionTokensTable {
  token_hash: string;
  subscription_id: string;
  created_at: string;
}

export interface SubscriptionMailTable {
  id: string;
  subscription_id: string;
  kind: string;
  writeup_id: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface EditionReportsTable {
  edition_id: string;
  body: string;
  status: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
  published_at: string | null;
}

/** A person's place in the directory of attendees; the flags are 1 or 0. */
export interface DirectoryProfilesTable {
  person_id: string;
  listed: number;
  show_government: number;
  show_team: number;
  show_role: number;
  show_themes: number;
  show_editions: number;
  updated_at: string;
}

/** A resource a team shared (a practice, a repository, a template); `hidden` is 1 or 0. */
export interface SharedResourcesTable {
  id: string;
  title: string;
  kind: string;
  url: string;
  description: string;
  government_id: string | null;
  shared_by: string;
  hidden: ColumnType<number, number | undefined, number>;
  created_at: string;
  updated_at: string;
}

export interface SharedResourceThemesTable {
  resource_id: string;
  theme_id: string;
}

export interface SharedResourceCommentsTable {
  id: string;
  resource_id: string;
  person_id: string;
  body: string;
  hidden: ColumnType<number, number | undefined, number>;
  created_at: string;
}

/** The follow-up groups of one edition and theme, formed as a draft and then sent once. */
export interface FollowUpGroupingsTable {
  id: string;
  edition_id: string;
  theme_id: string;
  min_size: number;
  max_size: number;
  status: string;
  formed_by: string | null;
  formed_at: string;
  batch_id: string | null;
  sent_at: string | null;
}

export interface FollowUpGroupsTable {
  id: string;
  grouping_id: string;
  number: number;
  suggested_start: string;
}

export interface FollowUpGroupMembersTable {
  group_id: string;
  person_id: string;
}

/** A request for an introduction; `person_low`/`person_high` are the two people in id order. */
export interface IntroductionsTable {
  id: string;
  asker_id: string;
  recipient_id: string;
  person_low: string;
  person_high: string;
  message: string;
  status: string;
  created_at: string;
  decided_at: string | null;
}

/** Someone a person blocked from asking them for introductions. */
export interface IntroductionBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

/** One introduction email to one person, queued for the mail worker. */
export interface IntroductionMailTable {
  id: string;
  introduction_id: string;
  person_id: string;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}
