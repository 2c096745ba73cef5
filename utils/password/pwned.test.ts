// @vitest-environment node
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fetchRange, onPwnedRange, parseRange } from '../background/pwned-range';
import { dispatch, type Sender } from '../messaging/listen';
import type { RangeReplyMessage } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { readItem, settings, writeItem } from '../state/storage';
import { checkPwned, sha1Hex } from './pwned';
import type { RangeReply } from './range-api';

// The two descriptions of a range reply (plain type for the content script, zod for the
// background) must stay the same shape.
const _sameShape: [RangeReply, RangeReplyMessage] = [{} as RangeReplyMessage, {} as RangeReply];

const PASSWORD = 'P@ssw0rd';
// SHA-1("P@ssw0rd") = 21BD12DC183F740EE76F27B78EB39C8AD972A757, a password in many breaches.
const HASH = createHash('sha1').update(PASSWORD).digest('hex').toUpperCase();
const PREFIX = HASH.slice(0, 5);
const SUFFIX = HASH.slice(5);
const STRONG = 'correct horse battery staple tuatara kauri';

/** A range body as the API sends it with Add-Padding: real lines and padding lines with count 0. */
function rangeBody(prefix: string, { hit }: { hit?: { suffix: string; count: number } } = {}): string {
  const lines: string[] = [];
  for (let index = 0; index < 40; index++) {
    const suffix = createHash('sha1').update(`${prefix}-${index}`).digest('hex').toUpperCase().slice(5);
    lines.push(`${suffix}:${index % 3 === 0 ? 0 : index}`);
  }
  if (hit) lines.splice(17, 0, `${hit.suffix}:${hit.count}`);
  return `${lines.join('\r\n')}\r\n`;
}

describe('sha1Hex (WebCrypto)', () => {
  it('matches Node’s SHA-1, upper case', async () => {
    expect(await sha1Hex(PASSWORD)).toBe(HASH);
    expect(await sha1Hex('')).toBe('DA39A3EE5E6B4B0D3255BFEF95601890AFD80709');
  });
});

describe('parseRange', () => {
  it.each([
    ['drops padding lines (count 0)', `${'A'.repeat(35)}:0\n${'B'.repeat(35)}:12\n`, [['B'.repeat(35), 12]]],
    ['accepts CRLF and a missing final newline', `${'C'.repeat(35)}:3\r\n${'D'.repeat(35)}:4`, [['C'.repeat(35), 3], ['D'.repeat(35), 4]]],
    ['an empty body is no entries', '', []],
  ])('%s', (_name, body, expected) => {
    expect(parseRange(body)).toEqual(expected);
  });

  it.each([
    ['HTML from a captive portal', '<html><body>Sign in to Wi-Fi</body></html>'],
    ['a short suffix', `${'A'.repeat(34)}:1`],
    ['lower-case hex', `${'a'.repeat(35)}:1`],
    ['a negative count', `${'A'.repeat(35)}:-1`],
  ])('refuses %s', (_name, body) => {
    expect(parseRange(body)).toBeUndefined();
  });
});

describe('the k-anonymity client against a local fake range server', () => {
  let server: Server;
  let origin = '';
  let mode: 'ok' | 'slow' | 'error' | 'garbage' = 'ok';
  const requests: { url: string; padding?: string | string[]; cookie?: string | string[]; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ url: request.url ?? '', padding: request.headers['add-padding'], cookie: request.headers.cookie, body });
        const prefix = /^\/range\/([0-9A-F]{5})$/.exec(request.url ?? '')?.[1];
        if (mode === 'slow') return;
        if (mode === 'error') return void response.writeHead(500).end('Internal Server Error');
        if (mode === 'garbage') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>');
        if (!prefix) return void response.writeHead(400).end('The hash prefix was not in a valid format');
        response.writeHead(200, { 'content-type': 'text/plain' }).end(rangeBody(prefix, prefix === PREFIX ? { hit: { suffix: SUFFIX, count: 52_256 } } : {}));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    mode = 'ok';
    requests.length = 0;
  });

  const viaServer = (timeoutMs = 2_000) => (prefix: string) => fetchRange(prefix, { origin, timeoutMs });

  it('a hit: "found in N breaches", from a padded answer', async () => {
    expect(await checkPwned(PASSWORD, viaServer())).toEqual({ status: 'found', count: 52_256 });
    expect(requests).toEqual([{ url: `/range/${PREFIX}`, padding: 'true', cookie: undefined, body: '' }]);
  });

  it('a miss: not found, and padding lines never count as a hit', async () => {
    expect(await checkPwned(STRONG, viaServer())).toEqual({ status: 'not-found' });
    expect(requests[0]!.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
  });

  it('a padding line with the very suffix (count 0) is not a hit', async () => {
    const padded = async (prefix: string) => (prefix === PREFIX ? ({ status: 'ok', entries: parseRange(`${SUFFIX}:0\n`)! } as const) : viaServer()(prefix));
    expect(await checkPwned(PASSWORD, padded)).toEqual({ status: 'not-found' });
  });

  it.each([
    ['a timeout', 'slow', 'timeout'],
    ['a 500', 'error', 'server'],
    ['a body that is not a range answer', 'garbage', 'bad-response'],
  ] as const)('fails closed on %s', async (_name, serverMode, reason) => {
    mode = serverMode;
    expect(await checkPwned(PASSWORD, viaServer(300))).toEqual({ status: 'failed', reason });
  });

  it('fails closed when offline', async () => {
    expect(await checkPwned(PASSWORD, (prefix) => fetchRange(prefix, { origin: 'http://127.0.0.1:9', timeoutMs: 1_000 }))).toEqual({ status: 'failed', reason: 'offline' });
  });

  it('fails closed when the background does not answer', async () => {
    expect(await checkPwned(PASSWORD, () => Promise.reject(new Error('Extension context invalidated.')))).toEqual({ status: 'failed', reason: 'offline' });
  });
});

describe('the background answers only when the patient opted in and the permission is granted', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ['not opted in', false, true],
    ['opted in, but the permission was withdrawn', true, false],
  ])('%s → off, without a request', async (_name, optedIn, granted) => {
    await writeItem(settings, { ...(await readItem(settings)), breachCheck: optedIn });
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(granted as never);
    const reply = await onPwnedRange({ prefix: PREFIX }, contentSender);
    expect(reply).toEqual({ ok: true, result: { status: 'failed', reason: 'off' } });
    expect(fetchSpy).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  // Issue 14, item 4: a content script on any https page could ask before; only portal hosts may.
  it.each([
    ['a site outside the catalogue', 'https://www.example-clinic.org/account/change-password'],
    ['a look-alike of a portal', 'https://mychart-health.org/login'],
    ['a plain https page', 'https://example.com/'],
  ])('refuses %s, with nothing fetched', async (_name, url) => {
    await writeItem(settings, { ...(await readItem(settings)), breachCheck: true });
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
    const fetchRange = vi.fn(async () => ({ status: 'ok' as const, entries: [] }));
    await expect(onPwnedRange({ prefix: PREFIX }, { ...contentSender, url }, { breachCheckOn: async () => true, fetchRange })).rejects.toThrow(/not on a portal/);
    const reply = await dispatch({ name: 'cs-bg/pwned-range', payload: { prefix: PREFIX } }, { ...contentSender, url }, { 'cs-bg/pwned-range': (request, sender) => onPwnedRange(request, sender, { breachCheckOn: async () => true, fetchRange }) }, extension);
    expect(reply).toEqual({ ok: false, error: 'not on a portal' });
    expect(fetchRange).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('answers a portal host from the current index (a catalogue portal)', async () => {
    const fetchRange = vi.fn(async () => ({ status: 'ok' as const, entries: [] }));
    expect(await onPwnedRange({ prefix: PREFIX }, contentSender, { breachCheckOn: async () => true, fetchRange })).toEqual({ ok: true, result: { status: 'ok', entries: [] } });
    expect(fetchRange).toHaveBeenCalledWith(PREFIX);
  });

  it.each([['21bd1'], ['21BD12'], ['21BD'], ['21BD1\n'], [HASH]])('the protocol refuses the prefix %j before any handler runs', async (prefix) => {
    const handler = vi.fn();
    const reply = await dispatch({ name: 'cs-bg/pwned-range', payload: { prefix } }, contentSender, { 'cs-bg/pwned-range': handler }, extension);
    expect(reply.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it('the protocol refuses a suffix or hash smuggled next to the prefix', async () => {
    const reply = await dispatch({ name: 'cs-bg/pwned-range', payload: { prefix: PREFIX, suffix: SUFFIX } }, contentSender, { 'cs-bg/pwned-range': vi.fn() }, extension);
    expect(reply.ok).toBe(false);
  });
});

const extension = { id: 'portal-guard-id', origin: 'chrome-extension://portal-guard-id/' };
const contentSender: Sender = { id: extension.id, tab: { id: 7, index: 0 } as Sender['tab'], frameId: 0, url: 'https://portal.managemyhealth.co.nz/account/change-password' };

describe('never stored, logged or sent: only the 5-character prefix leaves the content script', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('after a full check (content script → message → background → network), through the real protocol', async () => {
    await writeItem(settings, { ...(await readItem(settings)), breachCheck: true });
    vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);

    // Network: the background's fetch, answered with a padded range that holds the hit.
    // Typed as the background calls it: a URL string and an init.
    const fetchSpy = vi.fn(async (url: string, _init: RequestInit) => new Response(rangeBody(String(url).slice(-5), { hit: { suffix: SUFFIX, count: 7 } }), { status: 200 }));
    vi.stubGlobal('fetch', fetchSpy);
    // Messages: every payload the content script hands the browser, delivered to the real
    // dispatcher (sender check, zod parse) and the real handler.
    const sent: unknown[] = [];
    vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: unknown) => {
      sent.push(message);
      return dispatch(message, contentSender, { 'cs-bg/pwned-range': (request, sender) => onPwnedRange(request, sender) }, extension);
    }) as never);
    // Logs: anything written to the console.
    const logged: unknown[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(...args));

    const result = await checkPwned(PASSWORD, async (prefix) => (await sendMessage('cs-bg/pwned-range', { prefix })).result);
    expect(result).toEqual({ status: 'found', count: 7 });

    expect(sent).toEqual([{ name: 'cs-bg/pwned-range', payload: { prefix: PREFIX } }]);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0]!;
    expect(url).toBe(`https://api.pwnedpasswords.com/range/${PREFIX}`);
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect(init.headers).toEqual({ 'Add-Padding': 'true' });
    expect(init.credentials).toBe('omit');

    const stored = JSON.stringify([await fakeBrowser.storage.local.get(), await fakeBrowser.storage.session.get(), await fakeBrowser.storage.sync.get()]);
    const everything = JSON.stringify({ sent, fetched: fetchSpy.mock.calls.map(([request]) => String(request)), stored, logged });
    for (const secret of [PASSWORD, HASH, SUFFIX, HASH.toLowerCase(), SUFFIX.toLowerCase(), SUFFIX.slice(0, 10)]) expect(everything).not.toContain(secret);
    expect(everything).toContain(PREFIX);
  });
});
