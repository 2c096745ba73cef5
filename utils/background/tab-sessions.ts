import { readItem, tabSessions, writeItem, type TabSession } from '../storage';

/**
 * Per-tab session state, in `storage.session` so it survives the MV3 service worker being
 * stopped, and is gone when the browser closes. Writes are serialised: two tabs reporting at the
 * same moment must not overwrite each other's entry.
 */

let queue: Promise<unknown> = Promise.resolve();

function update(change: (all: Record<string, TabSession>) => Record<string, TabSession>): Promise<void> {
  const next = queue.then(async () => writeItem(tabSessions, change(await readItem(tabSessions))));
  queue = next.catch(() => undefined);
  return next;
}

export const setTabSession = (tabId: number, session: TabSession) => update((all) => ({ ...all, [tabId]: session }));

export const forgetTab = (tabId: number) =>
  update((all) => {
    if (!(tabId in all)) return all;
    const { [tabId]: _gone, ...rest } = all;
    return rest;
  });

export async function getTabSession(tabId: number): Promise<TabSession | undefined> {
  await queue;
  return (await readItem(tabSessions))[tabId];
}
