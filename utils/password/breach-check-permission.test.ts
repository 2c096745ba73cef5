import { describe, expect, it, vi } from 'vitest';
import { BREACH_CHECK_DATA_COLLECTION, hasBreachCheckPermission, removeBreachCheckPermission, requestBreachCheckPermission, type PermissionsApi } from './breach-check-permission';

/**
 * Issue 14, item 9: in Firefox the breach check's permission is the range API's host AND the
 * optional data collection the manifest declares for it (`authenticationInfo`: 5 hex characters
 * of a password's SHA-1 go to a third party), asked for together from the same click; elsewhere
 * (Chrome) the host alone. A Firefox that does not know `data_collection` gets the host alone.
 */

const RANGE = 'https://api.pwnedpasswords.com/*';

function permissions({ knowsDataCollection = true, answer = true } = {}) {
  const refuseUnknownKey = (details: { data_collection?: readonly string[] }) => {
    // What a browser without the key does: a synchronous schema error, before any prompt.
    if (!knowsDataCollection && details.data_collection) throw new Error('Type error for parameter permissions (Unexpected property "data_collection")');
  };
  const api = {
    request: vi.fn((details: { origins: readonly string[]; data_collection?: readonly string[] }) => (refuseUnknownKey(details), Promise.resolve(answer))),
    remove: vi.fn((details: { origins: readonly string[]; data_collection?: readonly string[] }) => (refuseUnknownKey(details), Promise.resolve(true))),
    contains: vi.fn((details: { origins: readonly string[]; data_collection?: readonly string[] }) => (refuseUnknownKey(details), Promise.resolve(answer))),
  } satisfies PermissionsApi;
  return api;
}

describe('the breach check’s permission', () => {
  it('declares authenticationInfo, the AMO category for passwords', () => {
    expect(BREACH_CHECK_DATA_COLLECTION).toEqual(['authenticationInfo']);
  });

  it.each([
    ['Firefox', true, { origins: [RANGE], data_collection: ['authenticationInfo'] }],
    ['Chrome', false, { origins: [RANGE] }],
  ] as const)('in %s asks for %j in one prompt, synchronously inside the click', async (_name, firefox, expected) => {
    const api = permissions();
    const granted = requestBreachCheckPermission(api, firefox);
    expect(api.request).toHaveBeenCalledExactlyOnceWith(expected);
    expect(await granted).toBe(true);
  });

  it('falls back to the host alone where Firefox does not know data_collection, still inside the click', async () => {
    const api = permissions({ knowsDataCollection: false });
    const granted = requestBreachCheckPermission(api, true);
    expect(api.request).toHaveBeenCalledTimes(2);
    expect(api.request).toHaveBeenLastCalledWith({ origins: [RANGE] });
    expect(await granted).toBe(true);
  });

  it('reports a refusal', async () => {
    expect(await requestBreachCheckPermission(permissions({ answer: false }), true)).toBe(false);
  });

  it.each([
    ['Firefox', true, { origins: [RANGE], data_collection: ['authenticationInfo'] }],
    ['Chrome', false, { origins: [RANGE] }],
  ] as const)('in %s counts as granted only with %j, and gives back the same', async (_name, firefox, expected) => {
    const api = permissions();
    expect(await hasBreachCheckPermission(api, firefox)).toBe(true);
    expect(api.contains).toHaveBeenCalledExactlyOnceWith(expected);
    await removeBreachCheckPermission(api, firefox);
    expect(api.remove).toHaveBeenCalledExactlyOnceWith(expected);
  });

  it('where Firefox does not know data_collection, checks and gives back the host alone', async () => {
    const api = permissions({ knowsDataCollection: false });
    expect(await hasBreachCheckPermission(api, true)).toBe(true);
    expect(api.contains).toHaveBeenLastCalledWith({ origins: [RANGE] });
    await removeBreachCheckPermission(api, true);
    expect(api.remove).toHaveBeenLastCalledWith({ origins: [RANGE] });
  });
});
