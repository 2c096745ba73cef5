import { browser } from 'wxt/browser';
import { BREACH_CHECK_DATA_COLLECTION, RANGE_API_PERMISSION } from './range-api';

/**
 * What the browser must grant before the breach check may run (docs/password-guide.md, "Why
 * Firefox asks about authentication information"):
 * - everywhere, the range API's optional host permission;
 * - in Firefox, also the optional data collection the manifest declares for it,
 *   `authenticationInfo` (AMO's category for passwords: 5 hex characters of a password's SHA-1
 *   go to a third party). It is asked for in the same prompt, from the same click, and given
 *   back with the host when the patient turns the check off; revoking it in about:addons turns
 *   the check off, like revoking the host.
 * Chrome has no data-collection permissions and refuses the key, so it is sent to Firefox only.
 * A Firefox that does not know `data_collection` refuses the key with a synchronous schema error,
 * before any prompt; the request is then repeated with the host alone, still inside the click
 * (an `await` would lose the user gesture the prompt needs).
 */

export { BREACH_CHECK_DATA_COLLECTION };

type Details = { origins: readonly string[]; data_collection?: readonly string[] };
/** The slice of `browser.permissions` used here; `data_collection` is Firefox's (140+). */
export interface PermissionsApi {
  request(details: Details): Promise<boolean>;
  remove(details: Details): Promise<boolean>;
  contains(details: Details): Promise<boolean>;
}

const defaultApi = () => browser.permissions as unknown as PermissionsApi;
const IS_FIREFOX = import.meta.env.BROWSER === 'firefox';

const hostOnly: Details = { origins: [RANGE_API_PERMISSION] };
const withDataCollection = (firefox: boolean): Details => (firefox ? { ...hostOnly, data_collection: [...BREACH_CHECK_DATA_COLLECTION] } : hostOnly);

/** Call `act` with the full details; where the browser refuses the key itself, with the host alone. */
function tryBoth<T>(act: (details: Details) => Promise<T>, firefox: boolean): Promise<T> {
  try {
    return act(withDataCollection(firefox));
  } catch (error) {
    if (!firefox) throw error;
    return act(hostOnly);
  }
}

/** Ask for the breach check's permissions. Call it straight from the click. */
export function requestBreachCheckPermission(permissions: PermissionsApi = defaultApi(), firefox = IS_FIREFOX): Promise<boolean> {
  return tryBoth((details) => permissions.request(details), firefox);
}

/** Give them back (the patient turned the check off). */
export function removeBreachCheckPermission(permissions: PermissionsApi = defaultApi(), firefox = IS_FIREFOX): Promise<boolean> {
  return tryBoth((details) => permissions.remove(details), firefox);
}

/** Whether the browser grants all of them now. */
export function hasBreachCheckPermission(permissions: PermissionsApi = defaultApi(), firefox = IS_FIREFOX): Promise<boolean> {
  return tryBoth((details) => permissions.contains(details), firefox);
}
