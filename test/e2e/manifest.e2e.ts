import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { CATALOGUE } from '../../utils/portals/catalogue';
import { e2eContext } from './support/context';

/**
 * The BUILT manifests, as the browsers and the stores see them. Every permission is listed here
 * literally, so adding one (or a host permission, or a web-accessible resource) fails this test
 * and has to be written down in the same change, where a reviewer sees it.
 */

const PERMISSIONS = ['storage', 'activeTab', 'scripting', 'alarms'];
/**
 * Asked for at the moment of use, never at install: the export review's "remove downloaded files",
 * the password guide's one reminder (docs/password-guide.md), and shared-computer mode's
 * notification and its optional clearing of a portal's site data (docs/deploy.md).
 */
const OPTIONAL_PERMISSIONS = ['downloads', 'notifications', 'browsingData'];
/**
 * The password guide's breach check, asked for when the patient opts in (k-anonymity range API);
 * and any https host, from which a custom portal's own hosts are asked for, one portal at a time,
 * from a click on the options page (docs/deploy.md).
 */
const OPTIONAL_HOST_PERMISSIONS = ['https://api.pwnedpasswords.com/*', 'https://*/*'];
/** The fixed development id that policy files name (docs/deploy.md, "Extension ids"). */
const CHROME_DEV_ID = 'hhgfimkmfcaiemkpadgcfaegejnclhhk';
/** The feed's origin only: one GET per check, with a readable ETag (docs/feed.md). */
const HOST_PERMISSIONS = ['https://feed.portal-guard.org/*'];
/**
 * The whole policy: our own files by default, our scripts only (no WebAssembly), no plugins, no
 * <base>, no form posts, our own images; connections to the extension itself, the feed host and
 * the range API (background, opt-in), nowhere else.
 */
const EXTENSION_PAGES_CSP =
  "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self'; worker-src 'self'; connect-src 'self' https://feed.portal-guard.org https://api.pwnedpasswords.com";
/**
 * The lazy bundles. Chrome's content script imports them by URL, so they are web-accessible there;
 * Firefox's background injects them, so nothing is web-accessible there.
 */
const BUNDLES = ['banner.js', 'password-assistant.js', 'password-strength.js'];

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches?: string[]; extension_ids?: string[]; use_dynamic_url?: boolean }[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  externally_connectable?: unknown;
  content_scripts?: { matches: string[]; exclude_matches?: string[]; all_frames?: boolean }[];
  action?: { default_popup?: string };
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: { required?: string[]; optional?: string[] } } };
  storage?: { managed_schema?: string };
  key?: string;
}

const builds = [
  { name: 'chrome-mv3', dir: () => e2eContext().chromeExtensionDir },
  { name: 'firefox-mv3', dir: () => e2eContext().firefoxExtensionDir },
];

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Every host the catalogue names, as the host part of a match pattern. */
function catalogueMatchHosts(): Set<string> {
  const hosts = new Set<string>();
  for (const portal of CATALOGUE as readonly { hosts: readonly { host: string; match: string }[]; tenants?: readonly { host: string }[]; tenantSuffixes?: readonly { suffix: string }[] }[]) {
    for (const rule of portal.hosts) {
      hosts.add(rule.host);
      if (rule.match === 'subdomains') hosts.add(`*.${rule.host}`);
    }
    for (const tenant of portal.tenants ?? []) hosts.add(tenant.host);
    for (const { suffix } of portal.tenantSuffixes ?? []) hosts.add(`*.${suffix}`);
  }
  return hosts;
}

describe.each(builds)('built manifest: $name', ({ name, dir }) => {
  const manifest = () => read(dir());

  test('is MV3 with exactly the reviewed permissions', () => {
    const built = manifest();
    expect(built.manifest_version).toBe(3);
    expect([...(built.permissions ?? [])].sort()).toEqual([...PERMISSIONS].sort());
    expect(built.host_permissions ?? []).toEqual(HOST_PERMISSIONS);
    expect(built.optional_permissions ?? []).toEqual(OPTIONAL_PERMISSIONS);
    expect(built.optional_host_permissions ?? []).toEqual(OPTIONAL_HOST_PERMISSIONS);
  });

  test('has the whole reviewed CSP for extension pages', () => {
    expect(manifest().content_security_policy).toEqual({ extension_pages: EXTENSION_PAGES_CSP });
  });

  test('exposes nothing to other extensions', () => {
    expect(manifest().externally_connectable).toBeUndefined();
    for (const entry of manifest().web_accessible_resources ?? []) expect(entry.extension_ids).toBeUndefined();
  });

  test('injects content scripts over https on catalogue hosts only', () => {
    const scripts = manifest().content_scripts ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    const allowed = catalogueMatchHosts();
    for (const script of scripts) {
      expect(script.all_frames ?? false).toBe(false);
      for (const pattern of script.matches) {
        const parsed = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
        expect(parsed, `${pattern} must be https://<catalogue host>/*`).not.toBeNull();
        expect(allowed.has(parsed![1]!), `${pattern} is not a catalogue host`).toBe(true);
      }
    }
    const matches = scripts.flatMap((script) => script.matches);
    // The real portals the e2e suites visit.
    expect(matches).toContain('https://portal.managemyhealth.co.nz/*');
    expect(matches).toContain('https://mychart.clevelandclinic.org/*');
    // Every catalogue host is covered, so a portal added to the catalogue is injected on.
    expect(new Set(matches.map((pattern) => pattern.slice('https://'.length, -2)))).toEqual(allowed);
  });

  test('has a toolbar popup and a background', () => {
    const built = manifest();
    expect(built.action?.default_popup).toBe('popup.html');
    if (name === 'chrome-mv3') expect(built.background?.service_worker).toBe('background.js');
    else expect(built.background?.scripts).toEqual(['background.js']);
  });
});

describe('built manifest: firefox-mv3 only', () => {
  test('names its Firefox id; collects no data unless the patient turns on the breach check (optional authenticationInfo)', () => {
    const gecko = read(e2eContext().firefoxExtensionDir).browser_specific_settings?.gecko;
    expect(gecko?.id).toBe('portal-guard@portal-guard.org');
    expect(gecko?.data_collection_permissions).toEqual({ required: ['none'], optional: ['authenticationInfo'] });
  });

  test('makes nothing web-accessible: the background injects the bundles, so no page can load a file of ours', () => {
    const built = read(e2eContext().firefoxExtensionDir);
    expect(built.web_accessible_resources).toBeUndefined();
    // The bundles are still packaged, for the background to inject (utils/background/inject-bundle.ts).
    for (const file of BUNDLES) expect(existsSync(join(e2eContext().firefoxExtensionDir, file)), file).toBe(true);
  });

  test('has no Chrome-only keys (Firefox reads policies.json without a schema, and its id is the gecko id)', () => {
    const built = read(e2eContext().firefoxExtensionDir);
    expect(built.key).toBeUndefined();
    expect(built.storage).toBeUndefined();
  });
});

describe('built manifest: chrome-mv3 only', () => {
  test('has no Firefox-only keys', () => {
    expect(read(e2eContext().chromeExtensionDir).browser_specific_settings).toBeUndefined();
  });

  test('exposes only the bundles its content script imports: to catalogue portal pages, and to custom portals, both only under the per-session id', () => {
    const built = read(e2eContext().chromeExtensionDir);
    const [catalogue, custom, ...rest] = built.web_accessible_resources ?? [];
    expect(rest).toEqual([]);
    const portalMatches = (built.content_scripts ?? []).flatMap((script) => script.matches).sort();
    expect([...catalogue!.resources].sort()).toEqual(BUNDLES);
    expect([...(catalogue!.matches ?? [])].sort()).toEqual(portalMatches);
    // A policy's or patient's portal is any https host.
    expect([...custom!.resources].sort()).toEqual(BUNDLES);
    expect(custom!.matches).toEqual(['https://*/*']);
    // Chrome's id is fixed, so every entry is served under a per-session random id only, and no
    // page can probe the fixed one (isolation.e2e.ts).
    for (const entry of [catalogue!, custom!]) expect(entry.use_dynamic_url).toBe(true);
  });

  test('has the development key, so its id is the one policy files name', () => {
    const { key } = read(e2eContext().chromeExtensionDir);
    expect(key).toBeDefined();
    // Chrome's rule: the first 32 hex digits of sha256(public key DER), 0-f written as a-p.
    const hex = createHash('sha256').update(Buffer.from(key!, 'base64')).digest('hex').slice(0, 32);
    expect([...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('')).toBe(CHROME_DEV_ID);
  });

  test('declares the managed-storage schema, which is packaged', () => {
    const dir = e2eContext().chromeExtensionDir;
    expect(read(dir).storage).toEqual({ managed_schema: 'managed-schema.json' });
    expect(JSON.parse(readFileSync(join(dir, 'managed-schema.json'), 'utf8'))).toHaveProperty('properties.organization');
  });
});
