import data from '../../feed/trackers.json';
import { trackerListSchema, type TrackerEntry } from './schema';

let parsed: readonly TrackerEntry[] | undefined;

/**
 * The tracker list shipped with this build (feed/trackers.json). Parsed once, on first use, in
 * the background only: the content script never carries the list (it gets the domains with the
 * session reply). A file that does not parse fails `npm run feed -- validate` and the unit tests,
 * so reaching the throw here would be a build that skipped both.
 */
export function bundledTrackers(): readonly TrackerEntry[] {
  parsed ??= trackerListSchema.parse(data).trackers;
  return parsed;
}
