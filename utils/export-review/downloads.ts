import { browser, type Browser } from 'wxt/browser';
import type { PortalIndex } from '../portals';

/**
 * Download hygiene: the record files this browser downloaded from catalogue portals, so a patient
 * on a shared or borrowed computer can find and remove them. Needs the optional `downloads`
 * permission, requested only from a click.
 */

type DownloadItem = Browser.downloads.DownloadItem;

/**
 * The fields of `downloads.DownloadItem` this feature reads. Those past the first four are optional
 * because not every browser fills them in (Firefox has no `finalUrl`, for one).
 */
export type DownloadItemLike = Pick<DownloadItem, 'id' | 'url' | 'filename' | 'startTime'> & Partial<Pick<DownloadItem, 'finalUrl' | 'referrer' | 'fileSize' | 'totalBytes' | 'exists' | 'state' | 'mime'>>;

export interface PortalDownload {
  id: number;
  /** The file's name without its folder. */
  name: string;
  /** Where it was saved, as the browser reports it. */
  path: string;
  portal: string;
  host: string;
  startTime: string;
  size?: number;
  exists: boolean;
}

/** `blob:https://portal.example/uuid` → `https://portal.example/uuid`; a blob download keeps its page's origin. */
function unwrap(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('blob:') ? url.slice(5) : url;
}

/**
 * The downloads whose URL, final URL or referring page is on a portal of `index` (the current one:
 * catalogue, policy and the patient's portals), newest first.
 */
export function portalDownloads(items: readonly DownloadItemLike[], index: PortalIndex): PortalDownload[] {
  const found: PortalDownload[] = [];
  for (const item of items) {
    if (item.state && item.state !== 'complete') continue;
    for (const candidate of [item.finalUrl, item.url, item.referrer].map(unwrap)) {
      if (!candidate) continue;
      const lookup = index.lookupUrl(candidate);
      if (lookup.kind !== 'portal') continue;
      const size = item.fileSize && item.fileSize > 0 ? item.fileSize : item.totalBytes && item.totalBytes > 0 ? item.totalBytes : undefined;
      found.push({
        id: item.id,
        name: item.filename.split(/[\\/]/).pop() ?? item.filename,
        path: item.filename,
        portal: lookup.match.displayName,
        host: lookup.match.host,
        startTime: item.startTime,
        ...(size !== undefined ? { size } : {}),
        exists: item.exists !== false,
      });
      break;
    }
  }
  return found.sort((a, b) => (a.startTime < b.startTime ? 1 : -1));
}

/** The slice of the WebExtension API used here, so tests can pass a fake. */
export interface DownloadsApi {
  permissions: Pick<typeof browser.permissions, 'request' | 'contains'>;
  /** Missing until the optional `downloads` permission is granted. */
  downloads?: Pick<typeof browser.downloads, 'erase' | 'removeFile'> & {
    // Only the fields read here, so a fake's items need not invent the rest.
    search(query: Browser.downloads.DownloadQuery): Promise<DownloadItemLike[]>;
  };
}

const defaultApi: DownloadsApi = browser;
const DOWNLOADS: Browser.permissions.Permissions = { permissions: ['downloads'] };

export function hasDownloadsPermission(api: DownloadsApi = defaultApi): Promise<boolean> {
  return api.permissions.contains(DOWNLOADS);
}

/**
 * Must be called straight from a click handler, before any `await`: Firefox only grants an
 * optional permission while it is handling the user's gesture.
 */
export function requestDownloadsPermission(api: DownloadsApi = defaultApi): Promise<boolean> {
  return api.permissions.request(DOWNLOADS);
}

export async function listPortalDownloads(index: PortalIndex, api: DownloadsApi = defaultApi): Promise<PortalDownload[]> {
  if (!api.downloads) throw new Error('The downloads permission has not been granted.');
  return portalDownloads(await api.downloads.search({}), index);
}

/** Forget the download in the browser's history; the file stays on disk. */
export async function eraseFromHistory(id: number, api: DownloadsApi = defaultApi): Promise<void> {
  await api.downloads?.erase({ id });
}

/** Delete the downloaded file from disk, then forget it in the history. */
export async function deleteDownloadedFile(id: number, api: DownloadsApi = defaultApi): Promise<void> {
  await api.downloads?.removeFile(id);
  await api.downloads?.erase({ id });
}
