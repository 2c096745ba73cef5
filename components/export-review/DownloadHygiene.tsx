import { useState } from 'preact/hooks';
import { deleteDownloadedFile, eraseFromHistory, hasDownloadsPermission, listPortalDownloads, requestDownloadsPermission, type DownloadsApi, type PortalDownload } from '@/utils/export-review/downloads';
import type { PortalIndex } from '@/utils/portals';
import { formatBytes } from './format';

type State = { kind: 'idle' } | { kind: 'denied' } | { kind: 'error'; message: string } | { kind: 'listed'; downloads: PortalDownload[] };

/**
 * Record files this browser downloaded from portals: list them, review one, or remove them. The
 * `downloads` permission is asked for only when the patient presses the button.
 */
export function DownloadHygiene({ api, index, onReview }: { api?: DownloadsApi; index: PortalIndex; onReview: (download: PortalDownload) => void }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [confirming, setConfirming] = useState<{ id: number; action: 'erase' | 'delete' } | undefined>();
  const [status, setStatus] = useState('');

  const refresh = async () => {
    try {
      setState({ kind: 'listed', downloads: await listPortalDownloads(index, api) });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  const find = () => {
    // Requested before any await: Firefox grants optional permissions only during the click.
    const request = requestDownloadsPermission(api);
    void request
      .catch(() => hasDownloadsPermission(api))
      .then((granted) => (granted ? refresh() : setState({ kind: 'denied' })));
  };

  const act = async (download: PortalDownload, action: 'erase' | 'delete') => {
    setConfirming(undefined);
    try {
      if (action === 'delete') await deleteDownloadedFile(download.id, api);
      else await eraseFromHistory(download.id, api);
      setStatus(action === 'delete' ? `${download.name} was deleted from this computer.` : `${download.name} was removed from the download history. The file itself is still in ${folderOf(download.path)}.`);
      await refresh();
    } catch (error) {
      setStatus(`Could not ${action === 'delete' ? 'delete' : 'remove'} ${download.name}: ${(error as Error).message}`);
    }
  };

  return (
    <section aria-labelledby="downloads-heading" class="downloads">
      <h2 id="downloads-heading">Record downloads on this computer</h2>
      <p>
        On a shared or borrowed computer, a downloaded record stays in the Downloads folder and in the browser’s download list after you sign out of the portal. Anyone who uses the computer
        next can open it. Portal Guard can find the files this browser downloaded from health portals, so you can remove them.
      </p>
      {state.kind === 'idle' || state.kind === 'denied' ? (
        <>
          <button type="button" onClick={find}>
            Find health record downloads
          </button>
          <p class="muted small">Your browser will ask you to allow Portal Guard to manage your downloads. It looks only for files from health portals, and only when you press this button.</p>
          {state.kind === 'denied' ? <p role="alert">Without that permission Portal Guard cannot see your downloads. You can still open your Downloads folder and delete the files yourself.</p> : null}
        </>
      ) : null}
      {state.kind === 'error' ? <p role="alert">Could not list downloads: {state.message}</p> : null}
      {state.kind === 'listed' ? (
        state.downloads.length === 0 ? (
          <p data-testid="no-downloads">This browser has no downloads from health portals in its history.</p>
        ) : (
          <ul class="download-list" data-testid="downloads">
            {state.downloads.map((download) => (
              <li key={download.id}>
                <p>
                  <strong>{download.name}</strong> from {download.portal}, {new Date(download.startTime).toLocaleString('en-NZ', { dateStyle: 'medium', timeStyle: 'short' })}
                  {download.size !== undefined ? `, ${formatBytes(download.size)}` : ''}
                  {download.exists ? '' : ' (the file is no longer on this computer)'}
                </p>
                <p class="small muted path">{download.path}</p>
                {confirming?.id === download.id ? (
                  <div role="group" aria-label="Confirm" class="confirm">
                    <p>
                      {confirming.action === 'delete'
                        ? `Delete ${download.name} from this computer? This cannot be undone.`
                        : `Remove ${download.name} from the download list? The file stays on this computer.`}
                    </p>
                    <button type="button" class="danger" onClick={() => void act(download, confirming.action)}>
                      {confirming.action === 'delete' ? 'Yes, delete the file' : 'Yes, remove from the list'}
                    </button>{' '}
                    <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <p class="actions">
                    {download.exists ? (
                      <button type="button" class="secondary" onClick={() => onReview(download)}>
                        Review this file
                      </button>
                    ) : null}{' '}
                    <button type="button" class="secondary" onClick={() => setConfirming({ id: download.id, action: 'erase' })}>
                      Remove from download list
                    </button>{' '}
                    {download.exists ? (
                      <button type="button" class="secondary" onClick={() => setConfirming({ id: download.id, action: 'delete' })}>
                        Delete the file
                      </button>
                    ) : null}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )
      ) : null}
      <p role="status" class="small">
        {status}
      </p>
    </section>
  );
}

function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : 'your Downloads folder';
}
