import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { customPortals, writeItem } from '../state/storage';
import { startClinicPolicy } from './clinic-policy';
import type { syncPortalScripts } from './portal-scripts';
import { freshExtension } from '../../test/fresh-extension';

describe('startClinicPolicy: the policy applies live', () => {
  beforeEach(freshExtension);

  it('registers portal scripts at start and after each change, and checks the feed when its source changes', async () => {
    const sync = vi.fn<typeof syncPortalScripts>(async () => ({ registered: [], unregistered: [] }));
    const refresh = vi.fn(async () => ({ outcome: 'not-modified' as const }));
    const stop = startClinicPolicy({ sync, refresh });
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1));
    expect(sync).toHaveBeenLastCalledWith([], []);

    // The administrator deploys the policy: its portal is registered, the feed keys changed.
    await fakeBrowser.storage.managed.set(RIVERSIDE_POLICY);
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(2));
    expect(sync.mock.lastCall?.[0].map(({ portal }) => portal.id)).toEqual(['riverside-myindici']);
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));

    // The patient adds a portal: registered beside the policy's; the feed source did not change.
    await writeItem(customPortals, [{ id: 'user-greenlane', name: 'Greenlane MyChart', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz'] }]);
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(3));
    expect(sync.mock.lastCall?.[0].map(({ portal }) => portal.id)).toEqual(['riverside-myindici', 'user-greenlane']);

    // An unrelated policy edit (the organisation's phone number) does not re-check the feed.
    await fakeBrowser.storage.managed.set({ organization: { name: 'Riverside Medical Centre', phone: '+64 9 555 0199' } });
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(4));
    expect(refresh).toHaveBeenCalledTimes(1);
    stop();
  });
});
