import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Sender } from '../messaging/listen';
import { parsePolicy } from '../policy/schema';
import { settings, writeItem, DEFAULT_SETTINGS } from '../state/storage';
import { onPasswordForm } from './guide-actions';
import { defaultBreachCheckOn, onPwnedRange } from './pwned-range';
import { freshExtension } from '../../test/fresh-extension';

/** The organisation's `pwnedPasswordsCheck` overrides the patient's opt-in in the background, where requests are made. */
const MMH: Sender = { id: 'x', tab: { id: 4, index: 0 } as Sender['tab'], frameId: 0, url: 'https://portal.managemyhealth.co.nz/change-password' };
const granted = { contains: vi.fn(async () => true) };

describe.each([
  ['disallowed', true, false],
  ['disallowed', false, false],
  ['allowed', false, true],
  ['user-choice', true, true],
  ['user-choice', false, false],
  [undefined, true, true],
] as const)('pwnedPasswordsCheck %s, patient opted in: %s', (value, optedIn, expected) => {
  const policy = async () => parsePolicy(value ? { pwnedPasswordsCheck: value } : {});

  beforeEach(async () => {
    freshExtension();
    await writeItem(settings, { ...DEFAULT_SETTINGS, breachCheck: optedIn });
  });

  it(`the assistant is ${expected ? '' : 'not '}offered the check`, async () => {
    expect((await onPasswordForm({ kind: 'change' }, MMH, { permissions: granted as never, policy })).breachCheck).toBe(expected);
  });

  it(`a range request is ${expected ? 'made' : 'refused as off, with nothing fetched'}`, async () => {
    if (value) await fakeBrowser.storage.managed.set({ pwnedPasswordsCheck: value });
    // The default check reads the policy and the grant itself; the grant is given here.
    Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => true) });
    const fetchRange = vi.fn(async () => ({ status: 'ok' as const, entries: [] }));
    const reply = await onPwnedRange({ prefix: '21BD1' }, MMH, { breachCheckOn: defaultBreachCheckOn, fetchRange });
    expect(reply.result.status).toBe(expected ? 'ok' : 'failed');
    expect(fetchRange).toHaveBeenCalledTimes(expected ? 1 : 0);
  });
});
