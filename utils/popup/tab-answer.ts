import type { RequestOf, ResponseOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { namedTab } from './target-tab';

/**
 * The popup's one question: which tab it describes, and the background's answer about that tab.
 *
 * The toolbar popup asks it as early as it can. `popup.html` loads a small classic script first
 * (entrypoints/popup-question.ts), which the browser runs while it is still reading the page's
 * head; the popup's module scripts run only once the page and all their chunks are loaded. That
 * script starts the question and leaves the promise here, and the popup takes it when it renders.
 * The toolbar popup does not ask the browser for its tab first either: the background finds the
 * active tab while its own reads are already under way. `npm run bench -- popup-render` measures
 * the whole path.
 *
 * Kept free of zod and i18n, as the popup's whole first load is (test/popup-first-load.test.ts).
 */

export type TabAnswer = ResponseOf<'ui-bg/active-tab-status'>;

export interface AskDeps {
  /** The tab named in the popup's address, if it names one (target-tab.ts). */
  namedTab: () => ReturnType<typeof namedTab>;
  /** The background's answer for a named tab. */
  tabStatus: (target: RequestOf<'ui-bg/tab-status'>) => Promise<ResponseOf<'ui-bg/tab-status'>>;
  /** The background's answer for the active tab, which it finds itself. */
  activeTabStatus: () => Promise<TabAnswer>;
}

export const askDeps: AskDeps = {
  namedTab: () => namedTab(),
  tabStatus: (target) => sendMessage('ui-bg/tab-status', target),
  activeTabStatus: () => sendMessage('ui-bg/active-tab-status', {}),
};

export async function askAboutTab(deps: AskDeps = askDeps): Promise<TabAnswer> {
  const named = deps.namedTab();
  if (!named) return deps.activeTabStatus();
  const target = await named;
  return { target, status: await deps.tabStatus(target) };
}

// A registered symbol rather than a named global: nothing else in the popup's window can
// collide with it by accident. Only our own extension page runs in that window.
const SLOT = Symbol.for('portal-guard.popup.tab-answer');
type Slot = Record<typeof SLOT, Promise<TabAnswer> | undefined>;

/** Start the question now and leave it for the popup (the early classic script calls this). */
export function startAsking(deps: AskDeps = askDeps, slot: Slot = globalThis as unknown as Slot): void {
  const answer = askAboutTab(deps);
  // A failure is the popup's to show when it takes the answer; until then it is not "unhandled".
  answer.catch(() => undefined);
  slot[SLOT] = answer;
}

/** The question the early script started, once: a popup that renders again asks afresh. */
export function takeStartedAnswer(slot: Slot = globalThis as unknown as Slot): Promise<TabAnswer> | undefined {
  const answer = slot[SLOT];
  slot[SLOT] = undefined;
  return answer;
}
