import { describe, expect, it } from 'vitest';
import type { ActiveFeed } from '../feed/active-feed';
import type { Notice } from '../feed/schema';
import { loadOtherNotices, loadPortalNotices, portalFromQuery } from './page';

const notice = (id: string, portals: string[], title = id) => ({ id, portals, title, disclosed: '2025-01-01' }) as unknown as Notice;
const feed = (notices: Notice[]) => async () => ({ feed: { notices } }) as unknown as ActiveFeed;

describe('export review page wiring', () => {
  it.each([
    ['?portal=managemyhealth', 'managemyhealth'],
    ['?portal=not-a-portal', ''],
    ['?portal=', ''],
    ['', ''],
    ['?portal=managemyhealth&portal=nhs-app', 'managemyhealth'],
  ])('%s preselects %j', (search, portal) => expect(portalFromQuery(search)).toBe(portal));

  it('reads notices from the verified feed: a portal’s, and those tied to no portal', async () => {
    const getFeed = feed([notice('nz-managemyhealth-2025-12', ['managemyhealth']), notice('au-medisecure-2024', [], 'MediSecure'), notice('us-changehealthcare-2024', [], 'Change Healthcare')]);
    expect((await loadPortalNotices('managemyhealth', getFeed)).map((n) => n.id)).toEqual(['nz-managemyhealth-2025-12']);
    expect((await loadOtherNotices(getFeed)).map((n) => n.id)).toEqual(['us-changehealthcare-2024', 'au-medisecure-2024']);
  });
});
