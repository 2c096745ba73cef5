import { describe, expect, it } from 'vitest';
import { FEED_URL } from '../feed/config';
import { OPTIONAL_PERMISSIONS, PERMISSIONS, connectSources, extensionPagesCsp } from '../build/manifest-config';

describe('the extension pages CSP keeps the export review worker off the network', () => {
  it('lets pages and workers connect only to the extension, the feed host and the range API (password guide, opt-in)', () => {
    expect(connectSources('production')).toEqual(["'self'", new URL(FEED_URL).origin, 'https://api.pwnedpasswords.com']);
    expect(extensionPagesCsp('production')).toBe(
      `default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; img-src 'self'; worker-src 'self'; connect-src 'self' ${new URL(FEED_URL).origin} https://api.pwnedpasswords.com`,
    );
  });

  it('allows the dev server only in development', () => {
    expect(connectSources('development')).toContain('ws://localhost:*');
    expect(connectSources('production').join(' ')).not.toContain('localhost');
  });

  it('asks for downloads only as an optional permission', () => {
    expect(OPTIONAL_PERMISSIONS).toContain('downloads');
    expect(PERMISSIONS).not.toContain('downloads');
  });
});
