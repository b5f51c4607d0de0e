/** How attendees take part in an edition. */
export const EDITION_FORMATS = ['remote', 'in-person', 'hybrid'] as const;
export type EditionFormat = (typeof EDITION_FORMATS)[number];
export const EDITION_FORMAT_LABELS: Record<EditionFormat, string> = {
  remote: 'Remote',
  'in-person': 'In person',
  hybrid: 'Hybrid',
};

/** Where an edition is in its life: planned, announced, running, then kept as an archive. */
export const EDITION_STATUSES = ['draft', 'published', 'live', 'archived'] as const;
export type EditionStatus = (typeof EDITION_STATUSES)[number];
export const EDITION_STATUS_LABELS: Record<EditionStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  live: 'Live',
  archived: 'Archived',
};

/** One yearly (or otherwise) edition of a convening series. */
export interface Edition {
  id: string;
  /** Address-friendly name, unique across editions, e.g. "dsc-2020". */
  slug: string;
  name: string;
  year: number;
  hosts: string[];
  /** IANA time zone the organizers plan in; every time is also shown in it. */
  homeTimeZone: string;
  /** First and last day, as calendar dates (YYYY-MM-DD) in the home time zone. */
  startDate: string;
  endDate: string;
  format: EditionFormat;
  /** Where it took place, for in-person and hybrid editions. */
  location: string;
  status: EditionStatus;
  /** The local hours that count as daytime when judging time-zone fairness. */
  daytimeStartHour: number;
  daytimeEndHour: number;
}

/** A day of an edition, with the label and question that frame it (the seed's NOW / LATER / NEXT). */
export interface Day {
  id: string;
  editionId: string;
  date: string;
  themeLabel: string;
  guidingQuestion: string;
}

/** A cross-cutting theme of an edition, such as vendor lock-in and budgets. */
export interface Theme {
  id: string;
  editionId: string;
  name: string;
  description: string;
  position: number;
}
