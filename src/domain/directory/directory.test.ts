import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDirectoryQuery,
  entryAsShown,
  findEntries,
  foldForSearch,
  pageOf,
  type DirectoryEntry,
  type DirectoryQuery,
  type DirectorySource,
} from './directory.ts';
import { defaultDirectoryShows, type DirectoryProfile } from './directory-profile.ts';

function source(overrides: Partial<DirectorySource> & { personId: string }): DirectorySource {
  return {
    name: 'Someone',
    government: { code: 'EE', country: 'Estonia', teamName: 'Digital State' },
    role: 'product-manager',
    strugglingThemes: ['Procurement'],
    helpingThemes: ['Capability frameworks'],
    editions: [{ slug: 'dsc-2020', name: 'DSC 2020', year: 2020 }],
    ...overrides,
  };
}

function profile(personId: string, overrides: Partial<DirectoryProfile> = {}): DirectoryProfile {
  return {
    personId,
    listed: true,
    shows: defaultDirectoryShows(),
    updatedAt: '2020-11-20T10:00:00.000Z',
    ...overrides,
  };
}

function shown(s: DirectorySource, p: DirectoryProfile | null = profile(s.personId)) {
  const entry = entryAsShown(s, p);
  assert.ok(entry);
  return entry;
}

const ANY: Omit<DirectoryQuery, 'page'> = {
  text: '',
  government: null,
  region: null,
  role: null,
  theme: null,
};

const CHOICES = {
  governmentCodes: ['EE', 'KE-ICT', 'UY'],
  themeNames: ['Procurement', 'Capability frameworks', 'Legacy systems'],
};

describe('directory entries', () => {
  it('leaves out everyone who has not opted in or has opted out', () => {
    const s = source({ personId: 'p-1' });
    assert.equal(entryAsShown(s, null), null);
    assert.equal(entryAsShown(s, profile('p-1', { listed: false })), null);
    // A profile of someone else never lists this person.
    assert.equal(entryAsShown(s, profile('p-2')), null);
  });

  it('shows every field the person chose, and their region from the government', () => {
    const entry = shown(source({ personId: 'p-1' }));
    assert.deepEqual(entry.government, { code: 'EE', country: 'Estonia', region: 'europe' });
    assert.equal(entry.team, 'Digital State');
    assert.equal(entry.role, 'product-manager');
    assert.deepEqual(entry.themes, {
      struggling: ['Procurement'],
      helping: ['Capability frameworks'],
    });
    assert.equal(entry.editions?.length, 1);
  });

  it('leaves hidden fields out of the entry altogether', () => {
    const entry = shown(
      source({ personId: 'p-1' }),
      profile('p-1', {
        shows: { government: false, team: false, role: false, themes: false, editions: false },
      }),
    );
    assert.deepEqual(entry, {
      personId: 'p-1',
      name: 'Someone',
      government: null,
      team: null,
      role: null,
      themes: null,
      editions: null,
    });
  });
});

describe('searching and filtering the directory', () => {
  const people: DirectoryEntry[] = [
    shown(source({ personId: 'a', name: 'Tõnis Tamm' })),
    shown(
      source({
        personId: 'b',
        name: 'Wanjiru Kamau',
        government: { code: 'KE-ICT', country: 'Kenya', teamName: 'ICT Authority' },
        role: 'engineer',
        strugglingThemes: ['Legacy systems'],
        helpingThemes: ['Procurement'],
      }),
    ),
    shown(
      source({
        personId: 'c',
        name: 'Valentina Rojas',
        government: { code: 'UY', country: 'Uruguay', teamName: 'AGESIC' },
      }),
      profile('c', { shows: { ...defaultDirectoryShows(), government: false, themes: false } }),
    ),
  ];
  const ids = (query: Partial<typeof ANY>) =>
    findEntries(people, { ...ANY, ...query }).map((entry) => entry.personId);

  it('lists everyone by name when nothing is asked', () => {
    assert.deepEqual(ids({}), ['a', 'c', 'b']);
  });

  it('searches names, teams and countries, ignoring case and accents', () => {
    assert.deepEqual(ids({ text: foldForSearch('TONIS') }), ['a']);
    assert.deepEqual(ids({ text: foldForSearch('ict authority') }), ['b']);
    assert.deepEqual(ids({ text: foldForSearch('kenya wanjiru') }), ['b']);
    assert.deepEqual(ids({ text: foldForSearch('nobody here') }), []);
  });

  it('never matches a field the person hides', () => {
    // Valentina hides her government: neither the search nor the filters find her by it.
    assert.deepEqual(ids({ text: 'uruguay' }), []);
    assert.deepEqual(ids({ government: 'UY' }), []);
    assert.deepEqual(ids({ region: 'americas' }), []);
    assert.deepEqual(ids({ theme: foldForSearch('Procurement') }), ['a', 'b']);
    // Her team is shown, so the team finds her.
    assert.deepEqual(ids({ text: 'agesic' }), ['c']);
  });

  it('filters by government, region, role and theme (struggling or helping), all together', () => {
    assert.deepEqual(ids({ government: 'KE-ICT' }), ['b']);
    assert.deepEqual(ids({ region: 'europe' }), ['a']);
    assert.deepEqual(ids({ region: 'africa', role: 'engineer' }), ['b']);
    assert.deepEqual(ids({ region: 'africa', role: 'minister' }), []);
    assert.deepEqual(ids({ theme: foldForSearch('legacy SYSTEMS') }), ['b']);
  });
});

describe('checking the directory query', () => {
  it('accepts an empty query as the first page of everyone', () => {
    assert.deepEqual(checkDirectoryQuery({}, CHOICES), {
      ok: true,
      value: { ...ANY, page: 1 },
    });
  });

  it('folds the search text and matches filter values to the known ones', () => {
    const checked = checkDirectoryQuery(
      {
        q: '  Tõnis  ',
        government: 'ke-ict',
        region: 'africa',
        role: 'engineer',
        theme: 'procurement',
        page: '3',
      },
      CHOICES,
    );
    assert.deepEqual(checked, {
      ok: true,
      value: {
        text: 'tonis',
        government: 'KE-ICT',
        region: 'africa',
        role: 'engineer',
        theme: 'procurement',
        page: 3,
      },
    });
  });

  it('names each unknown value or bad page', () => {
    const checked = checkDirectoryQuery(
      { government: 'XX', region: 'atlantis', role: 'king', theme: 'Nope', page: 'abc' },
      CHOICES,
    );
    assert.equal(checked.ok, false);
    if (checked.ok) return;
    assert.deepEqual(
      checked.errors.map((e) => e.field),
      ['government', 'region', 'role', 'theme', 'page'],
    );
    for (const page of ['-1', '0', '1.5', '1e3', '9999999'])
      assert.equal(checkDirectoryQuery({ page }, CHOICES).ok, false, page);
  });

  it('refuses search text that is too long, and reads repeated parameters by the first', () => {
    assert.equal(checkDirectoryQuery({ q: 'x'.repeat(101) }, CHOICES).ok, false);
    const checked = checkDirectoryQuery({ role: ['engineer', 'minister'] }, CHOICES);
    assert.ok(checked.ok && checked.value.role === 'engineer');
  });
});

describe('pages of results', () => {
  const items = Array.from({ length: 45 }, (_, i) => i + 1);

  it('cuts pages of twenty and says which items they hold', () => {
    const second = pageOf(items, 2);
    assert.deepEqual(second.items, items.slice(20, 40));
    assert.deepEqual(
      {
        page: second.page,
        pageCount: second.pageCount,
        total: second.total,
        from: second.from,
        to: second.to,
      },
      { page: 2, pageCount: 3, total: 45, from: 21, to: 40 },
    );
    assert.deepEqual(pageOf(items, 3).items, [41, 42, 43, 44, 45]);
  });

  it('shows the last page when asked for one past the end', () => {
    const page = pageOf(items, 99);
    assert.equal(page.page, 3);
    assert.equal(page.from, 41);
  });

  it('has one empty page when nothing matches', () => {
    assert.deepEqual(pageOf([], 1), { items: [], page: 1, pageCount: 1, total: 0, from: 0, to: 0 });
  });
});

describe('folding text for search', () => {
  it('drops accents and the letters that carry them', () => {
    assert.equal(foldForSearch('Łukasz Ørsted Nguyễn'), 'lukasz orsted nguyen');
    assert.equal(foldForSearch('  Straße   Æbelø '), 'strasse aebelo');
  });
});
