import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetPolicy } from '../policy/managed';
import { forgetCurrentPortals } from '../state/current-portals';
import { readItem, trackerAuditPrefs, trackerSightings, writeItem } from '../state/storage';
import { clearPortalTrackers, loadTrackerAudit, setTrackerAudit } from './tracker-audit';

const DAY = Date.UTC(2026, 11, 4, 1);
const META = { tracker: 'meta-pixel', vendor: 'Meta', product: 'Pixel', host: 'www.facebook.com', params: ['dl', 'ev'], firstSeen: DAY, lastSeen: DAY };

describe('the settings page’s view of the tracker audit', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    forgetPolicy();
    forgetCurrentPortals();
  });

  it('names each portal from the index, and is on by default', async () => {
    await writeItem(trackerSightings, { managemyhealth: [META], 'gone-portal': [META] });
    const data = await loadTrackerAudit();
    expect(data.setting).toEqual({ on: true, locked: false });
    expect(data.portals.map(({ portalId, name, country }) => ({ portalId, name, country }))).toEqual([
      { portalId: 'gone-portal', name: 'gone-portal', country: undefined },
      { portalId: 'managemyhealth', name: 'Manage My Health', country: 'NZ' },
    ]);
    expect(data.portals[1]!.trackers).toEqual([{ vendor: 'Meta', product: 'Pixel', hosts: ['www.facebook.com'], params: ['dl', 'ev'], firstSeen: DAY, lastSeen: DAY }]);
  });

  it.each([
    [{ trackerAudit: false }, true, { on: false, locked: true }],
    [{ trackerAudit: true }, false, { on: true, locked: true }],
    [{}, false, { on: false, locked: false }],
  ])('policy %j with the patient’s switch %s is %j', async (policy, patient, expected) => {
    await fakeBrowser.storage.managed.set(policy);
    await setTrackerAudit(patient);
    expect((await loadTrackerAudit()).setting).toEqual(expected);
    expect(await readItem(trackerAuditPrefs)).toEqual({ enabled: patient });
  });

  it('clears one portal and keeps the others', async () => {
    await writeItem(trackerSightings, { managemyhealth: [META], 'epic-mychart': [META] });
    await clearPortalTrackers('managemyhealth');
    expect(Object.keys(await readItem(trackerSightings))).toEqual(['epic-mychart']);
  });
});
