import { describe, expect, it, vi } from 'vitest';
import { switchOptIn } from './opt-in';

function optIn(granted: boolean | Error) {
  const calls: string[] = [];
  const deps = {
    request: vi.fn(() => {
      calls.push('request');
      return granted instanceof Error ? Promise.reject(granted) : Promise.resolve(granted);
    }),
    remove: vi.fn(async () => calls.push('remove')),
    save: vi.fn(async (on: boolean) => calls.push(`save ${on}`)),
    refused: vi.fn(() => calls.push('refused')),
  };
  return { deps, calls };
}

describe('switchOptIn', () => {
  it.each([
    ['on, granted: asks, then saves', true, true, ['request', 'save true']],
    ['on, refused: asks, saves nothing, says why', true, false, ['request', 'refused']],
    ['on, the prompt fails: as refused', true, new Error('no gesture'), ['request', 'refused']],
    ['off: saves, then gives the permission back', false, true, ['save false', 'remove']],
  ] as const)('%s', async (_name, on, granted, expected) => {
    const { deps, calls } = optIn(granted);
    switchOptIn(on, deps);
    // The prompt is asked for synchronously, inside the click.
    if (on) expect(deps.request).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(calls).toEqual(expected));
  });
});
