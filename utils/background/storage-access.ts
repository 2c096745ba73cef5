import { browser } from 'wxt/browser';

/**
 * Close the extension's storage to content scripts (issue 14, item 6). Our content scripts never
 * touch storage: everything they need comes in a message reply. Chrome lets a content script read
 * all of `storage.local` by default, so code running in the portal page's isolated world (ours,
 * or anything that ever got into it) could read the feed, the patient's dismissals, their
 * password-changed dates and their portals. `storage.session` is trusted-only by default in
 * Chrome; it is set too, so the per-tab session records stay closed whatever the default becomes.
 *
 * The level is set from the background on every start, because that is the one place that runs
 * before any content script can message us. Firefox has no `setAccessLevel` (its content scripts
 * can read every area; see docs/architecture.md, "Threats we handle"), so a missing method is
 * skipped, and a refusal is reported, never thrown: the rest of the background must still start.
 */

type AccessLevelArea = { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
export type AccessOutcome = 'restricted' | 'unsupported' | `failed: ${string}`;

export async function restrictStorageToTrustedContexts(
  storage: { local: AccessLevelArea; session: AccessLevelArea } = browser.storage as unknown as { local: AccessLevelArea; session: AccessLevelArea },
): Promise<{ local: AccessOutcome; session: AccessOutcome }> {
  const restrict = async (area: AccessLevelArea): Promise<AccessOutcome> => {
    if (typeof area.setAccessLevel !== 'function') return 'unsupported';
    try {
      await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      return 'restricted';
    } catch (error) {
      return `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const [local, session] = await Promise.all([restrict(storage.local), restrict(storage.session)]);
  return { local, session };
}
