import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CATALOGUE } from './portals/catalogue';
import { portalSchema } from './portals/schema';
import { customPortalInputSchema } from './portals/custom-input';
import { toCustomPortal } from './portals/custom';
import { noticeSchema } from './feed/schema';
import { sampleNotice } from './feed/test-fixtures';
import { protocol } from './messaging/protocol';
import { parsePolicy } from './policy/schema';
import { RIVERSIDE_NOTICE, RIVERSIDE_PORTAL } from './policy/fixtures';
import { getGuide, updateGuide } from './state/guide-progress';
import { getPasswordChangedOn, getStepChoices, relevantNotices } from './state/patient-choices';
import { guideProgress, noticeDismissals, readItem } from './state/storage';
import { PROTOTYPE_NAMES, own } from './own-keys';

/**
 * Issue 14, item 5: an id that comes from a policy, a file or the patient is looked up in plain
 * objects, where `constructor`, `toString` or `__proto__` find what every object inherits. Such
 * names are refused as ids, and lookups only ever find what was stored.
 */

const NAMES = ['constructor', 'prototype', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

describe.each(NAMES)('the id %s', (name) => {
  it('is refused as a catalogue portal id', () => {
    const mmh = CATALOGUE.find((portal) => portal.id === 'managemyhealth');
    expect(portalSchema.safeParse({ ...mmh, id: name }).success).toBe(false);
  });

  it('is refused as a custom portal id, with a reason', () => {
    expect(customPortalInputSchema.safeParse({ ...RIVERSIDE_PORTAL, id: name }).success).toBe(false);
    expect(toCustomPortal({ ...RIVERSIDE_PORTAL, id: name }, 'user').problems.map((problem) => problem.where)).toContain('id');
  });

  it('is refused as a notice id and as a notice’s portal id', () => {
    expect(noticeSchema.safeParse(sampleNotice({ id: name })).success).toBe(false);
    expect(noticeSchema.safeParse(sampleNotice({ portals: [name] })).success).toBe(false);
  });

  it('is refused in messages (dismiss a notice, the guide page’s portal)', () => {
    expect(protocol['ui-bg/dismiss-notice'].request.safeParse({ noticeId: name }).success).toBe(false);
    expect(protocol['cs-bg/open-notice'].request.safeParse({ noticeId: name, section: 'details' }).success).toBe(false);
    expect(protocol['ui-bg/guide-event'].request.safeParse({ portalId: name, event: { type: 'open' } }).success).toBe(false);
  });

  it('is refused as a policy portal id, a local notice’s portal and a policy key', () => {
    const { policy, problems } = parsePolicy(JSON.parse(JSON.stringify({ additionalPortals: [{ ...RIVERSIDE_PORTAL, id: name }], localNotices: [{ ...RIVERSIDE_NOTICE, portals: [name] }] })));
    expect(policy.additionalPortals).toEqual([]);
    expect(policy.localNotices).toEqual([]);
    expect([...new Set(problems.map((problem) => problem.key))]).toEqual(['additionalPortals', 'localNotices']);
    // A key of that name (JSON can make an own `__proto__`) is an unknown key, never a setting.
    const keyed = parsePolicy(JSON.parse(`{${JSON.stringify(name)}: {"sharedComputerMode": true}}`));
    expect(keyed.policy.sharedComputerMode).toBeUndefined();
    expect(keyed.problems.map((problem) => problem.reason)).toEqual([expect.stringMatching(/^unknown key/)]);
  });
});

describe.each(NAMES)('stored records looked up with %s', (name) => {
  beforeEach(() => fakeBrowser.reset());

  it('find nothing the patient did not store', async () => {
    expect(await getGuide(name)).toBeUndefined();
    expect(await getPasswordChangedOn(name)).toBeUndefined();
    expect(await getStepChoices(name)).toEqual({});
    expect(own(await readItem(noticeDismissals), name)).toBeUndefined();
  });

  it('drop an entry stored under that name, keeping the others', async () => {
    const progress = { startedAt: 1, updatedAt: 1, steps: {}, reusedSites: [] };
    await fakeBrowser.storage.local.set({ guideProgress: JSON.parse(`{"managemyhealth": ${JSON.stringify(progress)}, ${JSON.stringify(name)}: ${JSON.stringify(progress)}}`) });
    expect(Object.keys(await readItem(guideProgress))).toEqual(['managemyhealth']);
  });

  it('a guide event for that portal id never reaches storage', async () => {
    await expect(updateGuide(name, { type: 'open' }, 1)).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get('guideProgress')).toEqual({});
  });
});

describe('a notice whose id is an inherited name is never treated as dismissed', () => {
  beforeEach(() => fakeBrowser.reset());

  it('relevantNotices shows it (the feed schema refuses such ids; this is the lookup underneath)', async () => {
    const notice = noticeSchema.parse(sampleNotice());
    const shown = await relevantNotices('managemyhealth', [{ ...notice, id: 'constructor' }], new Date(`${notice.added}T12:00:00Z`));
    expect(shown.map((entry) => entry.notice.id)).toEqual(['constructor']);
  });
});

describe('PROTOTYPE_NAMES', () => {
  it('covers every name a plain object inherits', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) expect(PROTOTYPE_NAMES.has(name)).toBe(true);
  });
});
