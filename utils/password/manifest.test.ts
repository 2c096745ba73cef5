import { describe, expect, it } from 'vitest';
import { buildManifestExtras, OPTIONAL_HOST_PERMISSIONS, OPTIONAL_PERMISSIONS, PERMISSIONS } from '../build/manifest-config';

const base = { browser: 'chrome', mode: 'production', geckoId: 'x@y', portalPatterns: ['https://portal.managemyhealth.co.nz/*'] };

describe('the password guide’s permissions are optional, and narrow', () => {
  it('asks for the range API origin only, and only as an optional host permission', () => {
    const manifest = buildManifestExtras(base);
    expect(OPTIONAL_HOST_PERMISSIONS).toEqual(['https://api.pwnedpasswords.com/*']);
    // Beside it, `https://*/*` lets a custom portal's own hosts be asked for (docs/deploy.md).
    expect(manifest.optional_host_permissions).toEqual(['https://api.pwnedpasswords.com/*', 'https://*/*']);
    expect(manifest.host_permissions).not.toContain('https://api.pwnedpasswords.com/*');
  });

  it('asks for notifications only as an optional permission (the one reminder)', () => {
    expect(OPTIONAL_PERMISSIONS).toContain('notifications');
    expect(PERMISSIONS).not.toContain('notifications' as never);
  });

  it('lists the optional hosts, or the portal patterns, as granted only in an e2e build that asks for it', () => {
    expect(buildManifestExtras(base).host_permissions).not.toContain('https://portal.managemyhealth.co.nz/*');
    expect(buildManifestExtras({ ...base, grantOptionalHosts: true }).host_permissions).toContain('https://api.pwnedpasswords.com/*');
    expect(buildManifestExtras({ ...base, scriptablePortals: true }).host_permissions).toContain('https://portal.managemyhealth.co.nz/*');
  });

  it('exposes the assistant’s bundles in Chrome to portal pages only, and there only under a per-session id', () => {
    expect(buildManifestExtras(base).web_accessible_resources).toEqual([
      { resources: ['banner.js', 'password-assistant.js', 'password-strength.js'], matches: ['https://portal.managemyhealth.co.nz/*'], use_dynamic_url: true },
      { resources: ['banner.js', 'password-assistant.js', 'password-strength.js'], matches: ['https://*/*'], use_dynamic_url: true },
    ]);
  });

  it('exposes them to no page in Firefox, whose background injects them', () => {
    expect(buildManifestExtras({ ...base, browser: 'firefox' })).not.toHaveProperty('web_accessible_resources');
  });
});
