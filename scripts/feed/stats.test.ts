import { describe, expect, it } from 'vitest';
import { catalogueAdditionsSchema } from '../../utils/feed/catalogue-additions';
import { parseFeedValue } from '../../utils/feed/parse';
import type { Notice } from '../../utils/feed/schema';
import { sampleFeed, sampleNotice } from '../../utils/feed/test-fixtures';
import { feedStats, formatStats, runStats } from './stats';
import { checkNotices, readNoticeFiles } from './validate';

const { notices: real } = checkNotices(readNoticeFiles());
const reachLine = (lines: string[]) => lines.find((line) => line.startsWith('reach: '));

const parse = (notices: Record<string, unknown>[]): Notice[] => {
  const parsed = parseFeedValue(sampleFeed({ notices }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed.notices;
};

describe('npm run feed -- stats', () => {
  it('reads the repository’s notices: 12 of 15 reach a recognised or watchable host', () => {
    const lines: string[] = [];
    expect(runStats({ log: (line) => lines.push(line) })).toBe(0);
    expect(reachLine(lines)).toBe('reach: 12 of 15 notices reach a recognised or watchable host');
    expect(lines).toContain('  no host: 3 (au-genea-2025, au-medisecure-2024, us-changehealthcare-2024)');
  });

  it('read 3 of 15 before notices named their domains (only the catalogue portal ids reached)', () => {
    const withoutDomains = real.map(({ domains: _domains, ...notice }) => notice);
    const stats = feedStats(withoutDomains);
    expect(reachLine(formatStats(stats))).toBe('reach: 3 of 15 notices reach a recognised or watchable host');
    expect(stats.recognised.byPortal).toEqual(['nz-managemyhealth-2025-12', 'us-advocateaurora-2022', 'us-kaiser-2024']);
  });

  it('counts a notice as recognised once a feed addition claims a host in its domain', () => {
    const additions = catalogueAdditionsSchema.parse({
      tenants: [{ portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', evidence: 'official', sources: ['https://www.uwhealth.org/news/notice-of-privacy-incident'] }],
    });
    const stats = feedStats(real, additions);
    expect(stats.recognised.byDomain).toEqual(['us-uwhealth-2021']);
    expect(stats.watchable).not.toContain('us-uwhealth-2021');
    expect(formatStats(stats)).toContain('catalogue additions: 1 tenants, 0 tenant suffixes, 0 platform signals');
  });

  it.each<[string, Record<string, unknown>, 'byPortal' | 'byDomain' | 'watchable' | 'unreached']>([
    ['a catalogue portal id', { portals: ['managemyhealth'] }, 'byPortal'],
    ['a catalogue host’s registrable domain', { portals: [], domains: ['kp.org'] }, 'byDomain'],
    ['a catalogue tenant’s registrable domain', { portals: [], domains: ['clevelandclinic.org'] }, 'byDomain'],
    ['an organisation’s own domain', { portals: [], domains: ['uwhealth.org'] }, 'watchable'],
    // A patient may not watch a known look-alike, so it reaches nobody.
    ['a known look-alike’s domain', { portals: [], domains: ['mychart-health.org'] }, 'unreached'],
    ['no portal and no domain', { portals: [] }, 'unreached'],
  ])('%s → %s', (_name, fields, bucket) => {
    const stats = feedStats(parse([sampleNotice({ id: 'us-example-2024', ...fields })]));
    const found = bucket === 'byPortal' || bucket === 'byDomain' ? stats.recognised[bucket] : stats[bucket];
    expect(found).toEqual(['us-example-2024']);
  });
});
