import { forgetActiveFeed } from '../state/active-feed';
import { feedSourceOf } from '../policy/feed-source';
import { currentPolicy, watchPolicy } from '../policy/managed';
import { currentPortals, watchCurrentPortals } from '../state/current-portals';
import { refreshFeed } from './feed-refresh';
import { syncPortalScripts } from './portal-scripts';

/**
 * Apply the managed policy and the patient's own portals, now and whenever they change (an
 * administrator's edit reaches `storage.onChanged` for the `managed` area without a restart):
 * - custom portals and the hosts the signed feed adds: their content-script registrations follow
 *   the list (portal-scripts.ts);
 * - the feed: a new `feedUrl` or key list forgets the verified feed in memory (so a removed key
 *   stops vouching for it) and checks the new source at once.
 * Notices and the organisation's name are read from the policy on every request, so they need
 * nothing here. Returns one stop function.
 */
export function startClinicPolicy({ sync = syncPortalScripts, refresh = refreshFeed } = {}): () => void {
  void currentPortals()
    .then((portals) => sync(portals.custom, portals.additionPatterns))
    .catch(() => {});
  const stopPortals = watchCurrentPortals((portals) => void sync(portals.custom, portals.additionPatterns).catch(() => {}));

  let lastSource = currentPolicy().then(({ policy }) => JSON.stringify(feedSourceOf(policy)));
  const stopFeed = watchPolicy(({ policy }) => {
    const next = JSON.stringify(feedSourceOf(policy));
    void lastSource.then((previous) => {
      if (previous === next) return;
      lastSource = Promise.resolve(next);
      forgetActiveFeed();
      void refresh().catch(() => {});
    });
  });
  return () => {
    stopPortals();
    stopFeed();
  };
}
