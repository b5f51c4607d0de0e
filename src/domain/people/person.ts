/** The roles people hold in their government; shown in the programme and used to mix breakout rooms. */
export const PERSON_ROLES = [
  'minister',
  'chief-digital-officer',
  'chief-technology-officer',
  'policy-advisor',
  'ux-designer',
  'product-manager',
  'engineer',
  'other',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Plain-language labels for the roles, used in pages and error messages alike. */
export const PERSON_ROLE_LABELS: Record<PersonRole, string> = {
  minister: 'Minister',
  'chief-digital-officer': 'Chief digital officer',
  'chief-technology-officer': 'Chief technology officer',
  'policy-advisor': 'Policy advisor',
  'ux-designer': 'UX designer',
  'product-manager': 'Product manager',
  engineer: 'Engineer',
  other: 'Other',
};

/** How far along a team is: some arrive with momentum and buy-in, others are just starting out. */
export const TEAM_MATURITIES = ['starting', 'momentum'] as const;
export type TeamMaturity = (typeof TEAM_MATURITIES)[number];
export const TEAM_MATURITY_LABELS: Record<TeamMaturity, string> = {
  starting: 'Starting out',
  momentum: 'Has momentum',
};

/** A government taking part: a country and the team that represents it. */
export interface Government {
  id: string;
  /** Short stable code used in import files, e.g. "EE" or "KE-ICT". */
  code: string;
  country: string;
  teamName: string;
}

/** A person invited to, or speaking at, a convening. */
export interface Person {
  id: string;
  name: string;
  /** Normalised (trimmed, lower-case) email address: the person's identity across editions. */
  email: string;
  governmentId: string | null;
  role: PersonRole;
  maturity: TeamMaturity;
  /** IANA time zone the person works in, e.g. "Africa/Nairobi". */
  timeZone: string;
}

/** Normalises an email address so that the same person is never stored twice. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
