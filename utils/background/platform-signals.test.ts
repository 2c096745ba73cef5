import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Portal } from '../portals';
import { registrableDomainOf } from '../portals/registrable-domain';
import { completeDetection, isCataloguePortal, onPlatformSignals } from './platform-signals';

describe('registrableDomainOf', () => {
  it.each([
    ['mychart.uwhealth.org', 'uwhealth.org'],
    ['mychart.clevelandclinic.org', 'clevelandclinic.org'],
    ['riverside.myindici.co.nz', 'myindici.co.nz'],
    ['mycw52.eclinicalweb.com', 'eclinicalweb.com'],
    ['www.nhs.uk', 'www.nhs.uk'],
    ['co.nz', undefined],
    ['192.0.2.10', undefined],
  ])('%s → %s', (host, domain) => {
    expect(registrableDomainOf(host)).toBe(domain);
  });
});

describe('completeDetection', () => {
  const reported = { platformId: 'healow', matched: ['ecw-host', 'ecw-login-path'] };

  it('takes the host from the sender and adds the registrable domain and state', () => {
    expect(completeDetection(reported, 'https://mycw52.eclinicalweb.com/portal6061/jsp/100mp/login.jsp', 'login')).toEqual({
      platformId: 'healow',
      platformName: 'healow',
      host: 'mycw52.eclinicalweb.com',
      registrableDomain: 'eclinicalweb.com',
      state: 'login',
      matched: ['ecw-host', 'ecw-login-path'],
    });
  });

  it.each([
    ['a plain-http sender', 'http://mycw52.eclinicalweb.com/portal6061/jsp/100mp/login.jsp'],
    ['an IP-address sender', 'https://192.0.2.10/portal6061/jsp/100mp/login.jsp'],
    ['a sender that is not a URL', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(completeDetection(reported, url, 'login')).toBeUndefined();
  });

  it('serves the table of every platform with signals, and knows catalogue portals from added ones', () => {
    expect(onPlatformSignals({}).platforms.map((platform) => platform.id)).toContain('epic-mychart');
    expect(isCataloguePortal(CATALOGUE[0] as Portal)).toBe(true);
    expect(isCataloguePortal({ ...(CATALOGUE[0] as Portal) })).toBe(false);
  });
});
