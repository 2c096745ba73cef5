import { describe, expect, it, vi } from 'vitest';
import type { TabStatus } from '../messaging/protocol';
import { askAboutTab, startAsking, takeStartedAnswer, type AskDeps } from './tab-answer';

const MMH = 'https://portal.managemyhealth.co.nz/dashboard';
const STATUS: TabStatus = { lookup: 'portal', portal: { id: 'managemyhealth', name: 'Manage My Health', displayName: 'Manage My Health', operator: 'Manage My Health Limited', country: 'NZ', host: 'portal.managemyhealth.co.nz' }, notices: [] };

const deps = (named: ReturnType<AskDeps['namedTab']>): AskDeps & { [K in keyof AskDeps]: ReturnType<typeof vi.fn> } =>
  ({
    namedTab: vi.fn(() => named),
    tabStatus: vi.fn(async () => STATUS),
    activeTabStatus: vi.fn(async () => ({ target: { tabId: 3, url: MMH }, status: STATUS })),
  }) as never;

describe('the popup’s question about its tab', () => {
  it('lets the background find the toolbar popup’s tab: one message, no tab query of its own', async () => {
    const ask = deps(undefined);
    expect(await askAboutTab(ask)).toEqual({ target: { tabId: 3, url: MMH }, status: STATUS });
    expect(ask.activeTabStatus).toHaveBeenCalledTimes(1);
    expect(ask.tabStatus).not.toHaveBeenCalled();
  });

  it('asks about the named tab when opened as a page (popup.html?tabId=12)', async () => {
    const ask = deps(Promise.resolve({ tabId: 12 }));
    expect(await askAboutTab(ask)).toEqual({ target: { tabId: 12 }, status: STATUS });
    expect(ask.tabStatus).toHaveBeenCalledWith({ tabId: 12 });
    expect(ask.activeTabStatus).not.toHaveBeenCalled();
  });
});

describe('the early script’s hand-over', () => {
  it('starts the question at once and hands it over exactly once', async () => {
    const slot = {} as Parameters<typeof takeStartedAnswer>[0];
    const ask = deps(undefined);
    startAsking(ask, slot);
    expect(ask.activeTabStatus).toHaveBeenCalledTimes(1);
    const answer = takeStartedAnswer(slot);
    expect(await answer).toEqual({ target: { tabId: 3, url: MMH }, status: STATUS });
    // A popup that renders again asks afresh rather than showing an old answer.
    expect(takeStartedAnswer(slot)).toBeUndefined();
  });

  it('has nothing to hand over when no early script ran', () => {
    expect(takeStartedAnswer({} as Parameters<typeof takeStartedAnswer>[0])).toBeUndefined();
  });

  it('keeps a failure for the popup to show, without an unhandled rejection before it does', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const slot = {} as Parameters<typeof takeStartedAnswer>[0];
      startAsking({ ...deps(undefined), activeTabStatus: async () => Promise.reject(new Error('activeTabStatus: no reply from the background')) }, slot);
      await new Promise((settle) => setTimeout(settle, 10));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(takeStartedAnswer(slot)).rejects.toThrow('no reply from the background');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
