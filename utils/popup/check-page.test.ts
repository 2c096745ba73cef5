import { describe, expect, it, vi } from 'vitest';
import { checkPage, parseDetection } from './check-page';

const UW = { platformId: 'epic-mychart', platformName: 'MyChart', host: 'mychart.uwhealth.org', registrableDomain: 'uwhealth.org', state: 'login', matched: ['mychart-login-path'] };
const scripting = (result: unknown) => ({ executeScript: vi.fn(async () => [{ frameId: 0, documentId: 'd', result }]) }) as unknown as Parameters<typeof checkPage>[1];

describe('the page check’s reply, which crossed from the page’s process', () => {
  it('keeps a well-formed detection', async () => {
    expect(await checkPage(3, scripting({ classification: { state: 'login', evidence: ['password-field'] }, detection: UW }))).toEqual({ classification: { state: 'login', evidence: ['password-field'] }, detection: UW });
  });

  it('works without a detection', async () => {
    expect(await checkPage(3, scripting({ classification: { state: 'unknown', evidence: [] } }))).toEqual({ classification: { state: 'unknown', evidence: [] } });
  });

  it('refuses a reply without a classification', async () => {
    await expect(checkPage(3, scripting({ state: 'login', evidence: [] }))).rejects.toThrow('The page could not be checked.');
  });

  it.each([
    ['a Unicode host', { ...UW, host: 'mychаrt.uwhealth.org' }],
    ['a host with a path', { ...UW, host: 'mychart.uwhealth.org/evil' }],
    ['an unknown state', { ...UW, state: 'admin' }],
    ['a platform id with markup', { ...UW, platformId: '<img src=x>' }],
    ['matched signals that are not text', { ...UW, matched: [{}] }],
    ['not an object', 'MyChart'],
  ])('drops a detection with %s', (_name, value) => {
    expect(parseDetection(value)).toBeUndefined();
  });
});
