import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feedOrigins } from '../feed/config';
import { CHROME_DEV_ID, CHROME_DEV_KEY, WEB_ACCESSIBLE_RESOURCES, buildManifestExtras, extensionPagesCsp } from './manifest-config';

const options = { mode: 'production', geckoId: 'portal-guard@portal-guard.org', portalPatterns: ['https://portal.managemyhealth.co.nz/*'] };

describe('the fixed development Chrome id', () => {
  it('is the id Chrome derives from the key: sha256 of the DER, first 32 hex digits as a-p', () => {
    const hex = createHash('sha256').update(Buffer.from(CHROME_DEV_KEY, 'base64')).digest('hex').slice(0, 32);
    expect([...hex].map((digit) => 'abcdefghijklmnop'[parseInt(digit, 16)]).join('')).toBe(CHROME_DEV_ID);
  });

  it('is in every Chrome build but the store upload, and never in Firefox builds', () => {
    expect(buildManifestExtras({ browser: 'chrome', ...options })).toMatchObject({ key: CHROME_DEV_KEY, storage: { managed_schema: 'managed-schema.json' } });
    expect(buildManifestExtras({ browser: 'chrome', ...options, store: true })).not.toHaveProperty('key');
    expect(buildManifestExtras({ browser: 'chrome', ...options, store: true })).toHaveProperty('storage.managed_schema', 'managed-schema.json');
    const firefox = buildManifestExtras({ browser: 'firefox', ...options });
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).not.toHaveProperty('storage');
  });
});

describe('feed origins are fixed at build time', () => {
  it('is the default feed origin alone in a normal build', () => {
    expect(feedOrigins(undefined)).toEqual(['https://feed.portal-guard.org']);
    expect(feedOrigins('')).toEqual(['https://feed.portal-guard.org']);
  });

  it('adds a custom build’s mirrors to connect-src and the host permissions', () => {
    const origins = feedOrigins(' https://feed.riversidemedical.co.nz , https://mirror.example.org/ ');
    expect(origins).toEqual(['https://feed.portal-guard.org', 'https://feed.riversidemedical.co.nz', 'https://mirror.example.org']);
    expect(extensionPagesCsp('production', origins)).toContain("connect-src 'self' https://feed.portal-guard.org https://feed.riversidemedical.co.nz https://mirror.example.org https://api.pwnedpasswords.com");
    expect(buildManifestExtras({ browser: 'chrome', ...options, feedOrigins: origins }).host_permissions).toEqual(['https://feed.portal-guard.org/*', 'https://feed.riversidemedical.co.nz/*', 'https://mirror.example.org/*']);
  });

  it.each(['http://feed.riversidemedical.co.nz', 'https://feed.riversidemedical.co.nz/v1/feed.json', 'https://*.example.org', 'not a url'])('refuses %s as a mirror origin', (mirror) => {
    expect(() => feedOrigins(mirror)).toThrow();
  });
});

describe('web-accessible resources cannot be probed', () => {
  const patterns = ['https://portal.managemyhealth.co.nz/*', 'https://mychart.clevelandclinic.org/*'];

  it('serves every Chrome entry only under the per-session random id (`use_dynamic_url`)', () => {
    const entries = buildManifestExtras({ browser: 'chrome', ...options, portalPatterns: patterns }).web_accessible_resources ?? [];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry).toHaveProperty('use_dynamic_url', true);
  });

  // Firefox's background injects the bundles (utils/background/inject-bundle.ts), so a page that
  // knows the installation's moz-extension UUID finds none of them (isolation.e2e.ts).
  it.each(WEB_ACCESSIBLE_RESOURCES)('makes %s web-accessible to no page in Firefox', (file) => {
    const firefox = buildManifestExtras({ browser: 'firefox', ...options, portalPatterns: patterns });
    expect((firefox.web_accessible_resources ?? []).flatMap((entry) => entry.resources)).not.toContain(file);
  });

  it('leaves the key out of the Firefox manifest, since nothing is left to list', () => {
    expect(buildManifestExtras({ browser: 'firefox', ...options, portalPatterns: patterns })).not.toHaveProperty('web_accessible_resources');
  });
});

describe('the extension pages’ content security policy', () => {
  it.each(['chrome', 'firefox'])('is the whole reviewed policy in the %s build: no WebAssembly, no plugins, no <base>, no form posts, network only to the feed and the range API', (browser) => {
    expect(buildManifestExtras({ browser, ...options }).content_security_policy).toEqual({
      extension_pages:
        "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self'; worker-src 'self'; connect-src 'self' https://feed.portal-guard.org https://api.pwnedpasswords.com",
    });
  });

  it('lets a development build reach WXT’s dev server, and only then', () => {
    expect(extensionPagesCsp('development')).toContain("connect-src 'self' https://feed.portal-guard.org https://api.pwnedpasswords.com http://localhost:* ws://localhost:*");
    expect(extensionPagesCsp('development')).toContain("style-src 'self' 'unsafe-inline'");
    expect(extensionPagesCsp('production')).not.toContain('localhost');
    expect(extensionPagesCsp('production')).not.toContain('unsafe-inline');
  });
});

describe('the Firefox data-collection label (AMO)', () => {
  it('collects nothing by default, and declares the opt-in breach check as optional authentication information', () => {
    // The breach check sends 5 hex characters of a password's SHA-1 to api.pwnedpasswords.com,
    // only after the patient turns it on (docs/password-guide.md, "Why Firefox asks about
    // authentication information"); nothing else leaves the device but the feed download.
    expect(buildManifestExtras({ browser: 'firefox', ...options })).toHaveProperty('browser_specific_settings.gecko.data_collection_permissions', { required: ['none'], optional: ['authenticationInfo'] });
  });

  it('is Firefox’s alone', () => {
    expect(buildManifestExtras({ browser: 'chrome', ...options })).not.toHaveProperty('browser_specific_settings');
  });
});
