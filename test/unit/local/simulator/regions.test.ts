import {
  REGION_CHECKOUT_LANGUAGES,
  isCheckoutLanguage,
  isCountryOfEstablishment,
  toIsoCountryCode,
} from '../../../../src/local/simulator/regions';

describe('regions', () => {
  it('knows UK as a merchant country and GB as its ISO address code', () => {
    expect(isCountryOfEstablishment('UK')).toBe(true);
    expect(isCountryOfEstablishment('GB')).toBe(false);
    expect(toIsoCountryCode('UK')).toBe('GB');
    expect(toIsoCountryCode('DE')).toBe('DE');
  });

  it('refuses inherited property names as countries', () => {
    expect(isCountryOfEstablishment('constructor')).toBe(false);
  });

  it('fits only en_US to the US and only ja_JP to Japan', () => {
    expect(REGION_CHECKOUT_LANGUAGES.NA).toEqual(['en_US']);
    expect(REGION_CHECKOUT_LANGUAGES.FE).toEqual(['ja_JP']);
  });

  it('accepts only the underscore form of checkout languages', () => {
    expect(isCheckoutLanguage('en_GB')).toBe(true);
    expect(isCheckoutLanguage('en-GB')).toBe(false);
  });
});
