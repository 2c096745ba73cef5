import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { parsePolicy } from '../policy/schema';
import { additionMatchPatterns, buildCurrentPortals } from '../state/current-portals';
import { portalOrigins } from '../portals/custom';
import { FEED_ADDITIONS_SCRIPT_ID, PORTAL_SCRIPT, syncPortalScripts, type ScriptingApi } from './portal-scripts';

type Registered = Browser.scripting.RegisteredContentScript;

/** `scripting` as Chrome and Firefox behave: ids are unique, unregistering an unknown id fails. */
function fakeScripting(initial: Registered[] = []) {
  const scripts = new Map(initial.map((script) => [script.id, script]));
  const api: ScriptingApi = {
    getRegisteredContentScripts: vi.fn(async () => [...scripts.values()].map((script) => ({ ...script }))),
    registerContentScripts: vi.fn(async (list: Registered[]) => {
      for (const script of list) {
        if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        scripts.set(script.id, { ...script });
      }
    }),
    unregisterContentScripts: vi.fn(async ({ ids = [] }: Browser.scripting.ContentScriptFilter) => {
      for (const id of ids) if (!scripts.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
    }),
  };
  return { api, scripts };
}

const policyPortals = () => buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, [{ id: 'user-greenlane', name: 'Greenlane MyChart', country: 'NZ', hosts: ['mychart.greenlaneclinic.co.nz', 'portal.greenlane-health.co.nz'] }]).custom;

describe('syncPortalScripts', () => {
  it('registers one persistent content script per custom portal, on its https hosts only', async () => {
    const { api, scripts } = fakeScripting();
    expect(await syncPortalScripts(policyPortals(), [], api)).toEqual({ registered: ['custom-portal:policy:riverside-myindici', 'custom-portal:user:user-greenlane'], unregistered: [] });
    expect(api.registerContentScripts).toHaveBeenCalledWith([
      { id: 'custom-portal:policy:riverside-myindici', matches: ['https://riverside.myindici.co.nz/*'], js: [PORTAL_SCRIPT], runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      {
        id: 'custom-portal:user:user-greenlane',
        matches: ['https://mychart.greenlaneclinic.co.nz/*', 'https://portal.greenlane-health.co.nz/*'],
        js: [PORTAL_SCRIPT],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
    expect(scripts.size).toBe(2);
  });

  it('does nothing when the registrations already match (every background start)', async () => {
    const { api } = fakeScripting();
    await syncPortalScripts(policyPortals(), [], api);
    vi.mocked(api.registerContentScripts).mockClear();
    expect(await syncPortalScripts(policyPortals(), [], api)).toEqual({ registered: [], unregistered: [] });
    expect(api.registerContentScripts).not.toHaveBeenCalled();
    expect(api.unregisterContentScripts).not.toHaveBeenCalled();
  });

  it('unregisters a removed portal, re-registers a changed one, and leaves other registrations alone', async () => {
    const { api, scripts } = fakeScripting([{ id: 'someone-else', matches: ['https://example.org/*'], js: ['x.js'] }]);
    await syncPortalScripts(policyPortals(), [], api);
    const [riverside] = policyPortals();
    const moved = { ...riverside!, portal: { ...riverside!.portal, hosts: [{ host: 'portal.riversidemedical.co.nz', match: 'exact' as const, evidence: 'official' as const }] } };
    expect(await syncPortalScripts([moved], [], api)).toEqual({ registered: ['custom-portal:policy:riverside-myindici'], unregistered: ['custom-portal:policy:riverside-myindici', 'custom-portal:user:user-greenlane'] });
    expect([...scripts.keys()].sort()).toEqual(['custom-portal:policy:riverside-myindici', 'someone-else']);
    expect(scripts.get('custom-portal:policy:riverside-myindici')?.matches).toEqual(['https://portal.riversidemedical.co.nz/*']);
    expect(await syncPortalScripts([], [], api)).toEqual({ registered: [], unregistered: ['custom-portal:policy:riverside-myindici'] });
    expect([...scripts.keys()]).toEqual(['someone-else']);
  });

  it('names the origins to ask permission for', () => {
    expect(policyPortals().map(portalOrigins)).toEqual([['https://riverside.myindici.co.nz/*'], ['https://mychart.greenlaneclinic.co.nz/*', 'https://portal.greenlane-health.co.nz/*']]);
  });

  // Issue 12, item 7: a tenant the signed feed adds is outside the manifest, so it needs a
  // registration too; the browser runs it only where the patient later grants the origin.
  it('registers one script for the hosts the feed adds, and follows the feed when it changes', async () => {
    const { api, scripts } = fakeScripting();
    const tenant = { portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', evidence: 'official' as const, sources: ['https://www.uwhealth.org/mychart'] };
    const patterns = additionMatchPatterns({ tenants: [tenant], tenantSuffixes: [{ portal: 'oracle-health', suffix: 'patientportal.example-vendor.com', evidence: 'official' as const, sources: ['https://patientportal.example-vendor.com/'] }] });
    expect(patterns).toEqual(['https://*.patientportal.example-vendor.com/*', 'https://mychart.uwhealth.org/*']);
    expect(await syncPortalScripts([], patterns, api)).toEqual({ registered: [FEED_ADDITIONS_SCRIPT_ID], unregistered: [] });
    expect(scripts.get(FEED_ADDITIONS_SCRIPT_ID)).toMatchObject({ matches: patterns, js: [PORTAL_SCRIPT], persistAcrossSessions: true });
    // A new feed edition without additions takes the registration away.
    expect(await syncPortalScripts([], [], api)).toEqual({ registered: [], unregistered: [FEED_ADDITIONS_SCRIPT_ID] });
    expect(scripts.size).toBe(0);
  });

  it('adds no registration when the feed adds no host', () => {
    expect(additionMatchPatterns(undefined)).toEqual([]);
    expect(additionMatchPatterns({})).toEqual([]);
  });
});
