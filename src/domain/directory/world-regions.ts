/**
 * The world's regions as the UN Statistics Division's M49 standard groups countries (the five
 * regions: Africa, Americas, Asia, Europe, Oceania), by ISO 3166-1 alpha-2 code. A static table
 * rather than a package: it is small, it changes about once a decade, and the directory only
 * needs the region of each government's country. Antarctica belongs to no region in M49; Kosovo
 * (XK, not in M49) is placed in Europe, where M49 places its neighbours; Taiwan (TW) in Asia.
 */
export const WORLD_REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type WorldRegion = (typeof WORLD_REGIONS)[number];

/** The regions' names as people read them. */
export const WORLD_REGION_LABELS: Record<WorldRegion, string> = {
  africa: 'Africa',
  americas: 'Americas',
  asia: 'Asia',
  europe: 'Europe',
  oceania: 'Oceania',
};

// Codes per region, in M49's sub-region order (for example Africa: Northern, Eastern, Middle,
// Southern, Western Africa), so that a reader can check them against the standard.
const CODES: Record<WorldRegion, string> = {
  africa:
    'DZ EG LY MA SD TN EH BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW IO TF ' +
    'AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  americas:
    'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI ' +
    'BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US',
  asia:
    'KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN ' +
    'AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  europe:
    'BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB ' +
    'AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH',
  oceania: 'AU NZ NF HM CX CC FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF',
};

const REGION_BY_CODE = new Map<string, WorldRegion>(
  WORLD_REGIONS.flatMap((region) =>
    CODES[region].split(' ').map((code) => [code, region] as const),
  ),
);

/**
 * The region of a government, from its code: governments are coded by their country's alpha-2
 * code, alone ("EE") or followed by a team ("KE-ICT"). Null when the code names no country.
 */
export function regionOfGovernmentCode(code: string): WorldRegion | null {
  const match = /^([A-Za-z]{2})(?:$|[^A-Za-z])/.exec(code.trim());
  return match ? (REGION_BY_CODE.get(match[1]!.toUpperCase()) ?? null) : null;
}

/** Whether a value from a query string is one of the regions. */
export function isWorldRegion(value: string): value is WorldRegion {
  return (WORLD_REGIONS as readonly string[]).includes(value);
}
