import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import { feedSchema } from '../feed/schema';
import { guideFacts } from '../guide/portal-facts';
import { removeUserPortal } from '../options/clinic-data';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { parsePolicy } from '../policy/schema';
import { buildCurrentPortals } from '../state/current-portals';
import { customPortals, readItem, writeItem } from '../state/storage';
import { freshExtension } from '../../test/fresh-extension';
import { toBannerNotice, whyShown } from './portal-notices';

/** Every page that names a portal marks one that Portal Guard has not reviewed (issue 12, item 4). */

const WATCHED = { id: 'watch-mychart-uwhealth-org', name: 'MyChart (uwhealth.org)', operator: 'the owner of uwhealth.org, using MyChart', country: 'US' as const, hosts: ['mychart.uwhealth.org'], homeUrl: 'https://mychart.uwhealth.org/', platform: 'epic-mychart' };
const current = buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, [WATCHED]);
const notice = feedSchema.parse({ formatVersion: '1.0', sequence: 1, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh] }).notices[0]!;
const match = (host: string) => {
  const found = current.index.lookupHost(host);
  if (!found) throw new Error(`${host} is not recognised`);
  return found;
};

describe('the "not reviewed" mark', () => {
  it.each([
    ['mychart.uwhealth.org', 'You are on mychart.uwhealth.org, which is MyChart (uwhealth.org) (added by you, not reviewed by Portal Guard); notice added'],
    ['riverside.myindici.co.nz', 'You are on riverside.myindici.co.nz, which is Riverside Medical Centre patient portal (added by your organisation); notice added'],
    ['portal.managemyhealth.co.nz', 'You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added'],
  ])('is in the banner’s and the popup’s "why" line on %s', (host, why) => {
    expect(whyShown(match(host), notice).startsWith(why)).toBe(true);
    expect(toBannerNotice(match(host), notice).why.startsWith(why)).toBe(true);
  });

  it.each([
    ['mychart.uwhealth.org', 'user'],
    ['riverside.myindici.co.nz', 'policy'],
    ['mychart.clevelandclinic.org', undefined],
  ])('reaches the password guide for %s', (host, addedBy) => {
    const found = match(host);
    expect(guideFacts(found.portal, current.index, [host], undefined).addedBy).toBe(addedBy);
  });
});

describe('removing a watched portal', () => {
  beforeEach(() => freshExtension());

  it('gives its origin back to the browser', async () => {
    await writeItem(customPortals, [WATCHED]);
    const permissions = { contains: vi.fn(async () => true), request: vi.fn(async () => true), remove: vi.fn(async () => true) };
    await removeUserPortal(WATCHED.id, permissions);
    expect(await readItem(customPortals)).toEqual([]);
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://mychart.uwhealth.org/*'] });
    expect(await fakeBrowser.storage.local.get('customPortals')).toEqual({ customPortals: [] });
  });
});
