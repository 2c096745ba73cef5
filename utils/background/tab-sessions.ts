import { readItem, settled, tabSessions, updateItem, type TabSession } from '../state/storage';

/**
 * Per-tab session state, in `storage.session` so it survives the MV3 service worker being
 * stopped, and is gone when the browser closes. Changes go through `updateItem`, which serialises
 * them: two tabs reporting at the same moment must not overwrite each other's entry.
 */

export const setTabSession = (tabId: number, session: TabSession) => updateItem(tabSessions, (all) => ({ ...all, [tabId]: session }));

/** Forget a tab and hand back what it held (shared-computer mode needs the session the tab left). */
export async function takeTab(tabId: number): Promise<TabSession | undefined> {
  let taken: TabSession | undefined;
  await updateItem(tabSessions, (all) => {
    taken = all[tabId];
    if (!(tabId in all)) return all;
    const { [tabId]: _gone, ...rest } = all;
    return rest;
  });
  return taken;
}

/** Every tab's session, after queued changes are written. */
export async function allTabSessions(): Promise<Record<string, TabSession>> {
  await settled(tabSessions);
  return readItem(tabSessions);
}

export async function getTabSession(tabId: number): Promise<TabSession | undefined> {
  await settled(tabSessions);
  return (await readItem(tabSessions))[tabId];
}
