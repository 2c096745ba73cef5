import { describe, expect, it } from 'vitest';
import { feedSchema } from '../feed/schema';
import { trackerListSchema } from './schema';

const META = { id: 'meta-pixel', vendor: 'Meta', product: 'Pixel', domains: ['facebook.com', 'facebook.net'], contentParams: ['cd[*]', 'dl', 'ev'], sources: ['https://developers.facebook.com/documentation/meta-pixel/advanced'] };
const GA = { id: 'google-analytics', vendor: 'Google', product: 'Analytics', domains: ['google-analytics.com'], contentParams: ['dl', 'dt', 'ep.*'], sources: ['https://developers.google.com/analytics/devguides/collection/protocol/v1/parameters'] };

/** Each row: a list with one thing wrong, and the reason `npm run feed -- validate` gives. */
const BAD: [label: string, trackers: unknown[], reason: RegExp][] = [
  ['entries out of order', [META, GA], /google-analytics must come after meta-pixel/],
  ['a domain claimed twice', [GA, { ...META, domains: ['facebook.com', 'google-analytics.com'] }], /google-analytics\.com is already listed under google-analytics/],
  ['domains out of order', [{ ...META, domains: ['facebook.net', 'facebook.com'] }], /facebook\.com must come after facebook\.net/],
  ['a URL where a domain goes', [{ ...META, domains: ['https://www.facebook.com/tr'] }], /lowercase hostname/],
  ['an http source', [{ ...META, sources: ['http://developers.facebook.com/docs'] }], /https:\/\//],
  ['a javascript: source', [{ ...META, sources: ['javascript:alert(1)'] }], /https:\/\//],
  ['no source', [{ ...META, sources: [] }], /at least 1|>=1/i],
  ['two stars in a parameter', [{ ...META, contentParams: ['cd[*]*'] }], /one \*/],
  ['an unknown field (a typo)', [{ ...META, sorces: [] }], /sorces|Unrecognized/i],
  ['an inherited name as id', [{ ...META, id: 'constructor' }], /./],
];

describe.each(BAD)('the tracker list refuses %s', (_label, trackers, reason) => {
  it('with a reason', () => {
    const parsed = trackerListSchema.safeParse({ trackers });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message).join('\n')).toMatch(reason);
  });
});

describe('the signed feed may carry tracker updates', () => {
  const base = { formatVersion: '1.1', sequence: 7, generatedAt: '2026-12-01T00:00:00Z', notices: [] };

  it.each([
    ['no trackers field (a 1.1 feed before this)', base, true],
    ['an update', { ...base, trackers: { trackers: [META] } }, true],
    ['an entry with a newer, unknown field', { ...base, trackers: { trackers: [{ ...META, regions: ['EU'] }] } }, true],
    ['an entry with a URL for a domain', { ...base, trackers: { trackers: [{ ...META, domains: ['https://evil.example/'] }] } }, false],
    ['an entry with an http source', { ...base, trackers: { trackers: [{ ...META, sources: ['http://example.org/'] }] } }, false],
  ] as const)('%s: accepted %s', (_label, feed, ok) => {
    expect(feedSchema.safeParse(feed).success).toBe(ok);
  });
});
