import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetActiveFeed } from '../utils/state/active-feed';
import { forgetPolicy } from '../utils/policy/managed';
import { forgetCurrentPortals } from '../utils/state/current-portals';

/**
 * For a unit test's `beforeEach`: empty fake storage, and none of the module caches the extension
 * keeps between reads (the managed policy, the current portal index, the active feed) carried over
 * from the test before.
 */
export function freshExtension(): void {
  fakeBrowser.reset();
  forgetPolicy();
  forgetCurrentPortals();
  forgetActiveFeed();
}
