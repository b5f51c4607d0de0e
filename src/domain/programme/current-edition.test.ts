import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Edition } from '../convening/edition.ts';
import { pickCurrentEdition } from './current-edition.ts';

const edition = (
  slug: string,
  status: Edition['status'],
  startDate: string,
  endDate: string,
): Edition => ({
  id: slug,
  slug,
  name: slug,
  year: Number(startDate.slice(0, 4)),
  hosts: ['Host'],
  homeTimeZone: 'Europe/London',
  startDate,
  endDate,
  format: 'remote',
  location: '',
  status,
  daytimeStartHour: 8,
  daytimeEndHour: 20,
});

describe('picking the current edition', () => {
  const archived = edition('dsc-2019', 'archived', '2019-10-15', '2019-10-16');
  const past = edition('dsc-2020', 'published', '2020-11-17', '2020-11-19');
  const next = edition('dsc-2021', 'published', '2021-11-16', '2021-11-18');
  const draft = edition('dsc-2022', 'draft', '2022-11-15', '2022-11-17');

  it('prefers the live edition', () => {
    assert.equal(
      pickCurrentEdition(
        [past, next, edition('live', 'live', '2021-01-01', '2021-01-02')],
        new Date('2021-06-01'),
      )?.slug,
      'live',
    );
  });

  it('otherwise picks the next published edition that has not ended', () => {
    assert.equal(
      pickCurrentEdition([archived, past, next, draft], new Date('2021-06-01'))?.slug,
      'dsc-2021',
    );
  });

  it('falls back to the newest published edition, then the newest archived one', () => {
    assert.equal(
      pickCurrentEdition([archived, past, draft], new Date('2023-01-01'))?.slug,
      'dsc-2020',
    );
    assert.equal(pickCurrentEdition([archived, draft], new Date('2023-01-01'))?.slug, 'dsc-2019');
  });

  it('never picks a draft', () => {
    assert.equal(pickCurrentEdition([draft], new Date('2022-01-01')), null);
  });
});
