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
}
