import { readItem, settled, tabSessions, updateItem, type TabSession } from '../storage';

/**
 * Per-tab session state, in `storage.session` so it survives the MV3 service worker being
 * stopped, and is gone when the browser closes. Changes go through `updateItem`, which serialises
 * them: two tabs reporting at the same moment must not overwrite each other's entry.
 */

export const setTabSession = (tabId: number, session: TabSession) => updateItem(tabSessions, (all) => ({ ...all, [tabId]: session }));

export const forgetTab = (tabId: number) =>
  updateItem(tabSessions, (all) => {
    if (!(tabId in all)) return all;
    const { [tabId]: _gone, ...rest } = all;
    return rest;
  });

export async function getTabSession(tabId: number): Promise<TabSession | undefined> {
  await settled(tabSessions);
  return (await readItem(tabSessions))[tabId];
}
