import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWorldRegion, regionOfGovernmentCode } from './world-regions.ts';

describe('world regions (UN M49)', () => {
  it('places countries of every continent in their M49 region', () => {
    assert.equal(regionOfGovernmentCode('EE'), 'europe');
    assert.equal(regionOfGovernmentCode('KE'), 'africa');
    assert.equal(regionOfGovernmentCode('UY'), 'americas');
    assert.equal(regionOfGovernmentCode('SG'), 'asia');
    assert.equal(regionOfGovernmentCode('NZ'), 'oceania');
    // M49 puts Cyprus in Western Asia and Mexico in the Americas (Central America).
    assert.equal(regionOfGovernmentCode('CY'), 'asia');
    assert.equal(regionOfGovernmentCode('MX'), 'americas');
  });

  it('reads the country from a government code that names a team after it', () => {
    assert.equal(regionOfGovernmentCode('KE-ICT'), 'africa');
    assert.equal(regionOfGovernmentCode('gb_cdd'), 'europe');
    assert.equal(regionOfGovernmentCode(' br '), 'americas');
  });

  it('answers no region for codes that name no country', () => {
    assert.equal(regionOfGovernmentCode('ZZ'), null);
    assert.equal(regionOfGovernmentCode('EST'), null);
    assert.equal(regionOfGovernmentCode(''), null);
    assert.equal(regionOfGovernmentCode('AQ'), null);
  });

  it('knows the country of every government in the demo convening', () => {
    const demo =
      'GB IE EE FI DK NO DE FR NL IT ES PT PL UA UY US CA MX CO PE CL AR BR KE RW ET NG GH SL ZA ' +
      'MA AE IN BD SG ID PH TW KR JP AU NZ';
    for (const code of demo.split(' ')) assert.notEqual(regionOfGovernmentCode(code), null, code);
  });

  it('accepts only the five regions from a query string', () => {
    assert.equal(isWorldRegion('europe'), true);
    assert.equal(isWorldRegion('Europe'), false);
    assert.equal(isWorldRegion('antarctica'), false);
  });
});
