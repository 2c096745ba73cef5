import { parse as parseHost } from 'tldts';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue';
import { portalMatchPatterns } from './match-patterns';
import type { Portal } from './schema';

const portals: readonly Portal[] = CATALOGUE;
const patterns = portalMatchPatterns(portals);

/** Host part of `https://host/*`, or throws: the content script manifest would reject the rest. */
function patternHost(pattern: string): string {
  const parsed = /^https:\/\/((?:\*\.)?[a-z0-9.-]+)\/\*$/.exec(pattern);
  if (!parsed?.[1]) throw new Error(`not an https host pattern: ${pattern}`);
  return parsed[1];
}

/** Chrome's and Firefox's rule: `*.example.org` matches example.org and every host below it. */
function covers(pattern: string, host: string): boolean {
  const target = patternHost(pattern);
  if (!target.startsWith('*.')) return host === target;
  const base = target.slice(2);
  return host === base || host.endsWith(`.${base}`);
}

const coveredByAny = (host: string) => patterns.some((pattern) => covers(pattern, host));

describe('portalMatchPatterns(CATALOGUE)', () => {
  it('is sorted and free of duplicates, so manifest diffs stay readable', () => {
    expect(patterns).toEqual([...new Set(patterns)].sort());
  });

  it.each(patterns)('%s is an https-only host pattern', (pattern) => {
    expect(pattern.startsWith('https://')).toBe(true);
    expect(() => patternHost(pattern)).not.toThrow();
  });

  it.each(patterns)('%s is no broader than a registrable domain', (pattern) => {
    const host = patternHost(pattern).replace(/^\*\./, '');
    const info = parseHost(host, { allowPrivateDomains: true });
    expect(info.domain).not.toBeNull();
    expect(host).not.toBe(info.publicSuffix);
    expect(host.length).toBeGreaterThanOrEqual(info.domain?.length ?? Infinity);
  });

  const hostRules = portals.flatMap((portal) => portal.hosts.map((rule) => [`${portal.id} › ${rule.host} (${rule.match})`, rule] as const));
  it.each(hostRules)('covers %s', (_label, rule) => {
    expect(coveredByAny(rule.host)).toBe(true);
    // A subdomain rule needs the wildcard too; an exact rule must not get one.
    expect(coveredByAny(`www.${rule.host}`)).toBe(rule.match === 'subdomains');
  });

  const tenants = portals.flatMap((portal) => (portal.tenants ?? []).map((tenant) => [tenant.host, tenant] as const));
  it.each(tenants)('covers the tenant %s and nothing below it', (host) => {
    expect(patterns).toContain(`https://${host}/*`);
    expect(coveredByAny(`evil.${host}`)).toBe(false);
  });

  it('includes the tenant-suffix wildcard for Oracle Health’s HealtheLife tenants', () => {
    expect(patterns).toContain('https://*.iqhealth.com/*');
    expect(coveredByAny('barn-hs.iqhealth.com')).toBe(true);
  });

  const lookalikes = portals.flatMap((portal) => portal.lookalikes ?? []);
  it.each(lookalikes)('leaves the lookalike %s out (the popup warns there through activeTab)', (host) => {
    expect(coveredByAny(host)).toBe(false);
    expect(coveredByAny(`www.${host}`)).toBe(false);
  });

  it.each(['www.nhs.uk', 'www.va.gov', 'www.advocateaurorahealth.org', 'mychart.com', 'evilmanagemyhealth.co.nz'])('does not inject on %s', (host) => {
    expect(coveredByAny(host)).toBe(false);
  });
});
