import { useState } from 'preact/hooks';
import { deleteDownloadedFile, eraseFromHistory, hasDownloadsPermission, listPortalDownloads, requestDownloadsPermission, type DownloadsApi, type PortalDownload } from '@/utils/export-review/downloads';
import type { PortalIndex } from '@/utils/portals';
import { formatBytes } from './format';
import { formatDateTime } from '@/utils/i18n/format';
import { fill, keep, t } from '@/utils/i18n/t';

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
      setStatus(action === 'delete' ? t('exportReview.downloads.deleted', { file: download.name }) : t('exportReview.downloads.erased', { file: download.name, folder: folderOf(download.path) }));
      await refresh();
    } catch (error) {
      setStatus(t(action === 'delete' ? 'exportReview.downloads.deleteFailed' : 'exportReview.downloads.eraseFailed', { file: download.name, reason: (error as Error).message }));
    }
  };

  return (
    <section aria-labelledby="downloads-heading" class="downloads">
      <h2 id="downloads-heading">{t('exportReview.downloads.heading')}</h2>
      <p>{t('exportReview.downloads.intro')}</p>
      {state.kind === 'idle' || state.kind === 'denied' ? (
        <>
          <button type="button" onClick={find}>
            {t('exportReview.downloads.find')}
          </button>
          <p class="muted small">{t('exportReview.downloads.findHelp')}</p>
          {state.kind === 'denied' ? <p role="alert">{t('exportReview.downloads.denied')}</p> : null}
        </>
      ) : null}
      {state.kind === 'error' ? <p role="alert">{t('exportReview.downloads.listFailed', { reason: state.message })}</p> : null}
      {state.kind === 'listed' ? (
        state.downloads.length === 0 ? (
          <p data-testid="no-downloads">{t('exportReview.downloads.none')}</p>
        ) : (
          <ul class="download-list" data-testid="downloads">
            {state.downloads.map((download) => (
              <li key={download.id}>
                <p>
                  {download.size !== undefined
                    ? fill(t('exportReview.downloads.itemSize', keep('file', 'portal', 'date', 'size')), { file: <strong>{download.name}</strong>, portal: download.portal, date: formatDateTime(new Date(download.startTime)), size: formatBytes(download.size) })
                    : fill(t('exportReview.downloads.item', keep('file', 'portal', 'date')), { file: <strong>{download.name}</strong>, portal: download.portal, date: formatDateTime(new Date(download.startTime)) })}
                  {download.exists ? '' : ` ${t('exportReview.downloads.gone')}`}
                </p>
                <p class="small muted path">{download.path}</p>
                {confirming?.id === download.id ? (
                  <div role="group" aria-label={t('exportReview.downloads.confirm')} class="confirm">
                    <p>
                      {confirming.action === 'delete' ? t('exportReview.downloads.confirmDelete', { file: download.name }) : t('exportReview.downloads.confirmErase', { file: download.name })}
                    </p>
                    <button type="button" class="danger" onClick={() => void act(download, confirming.action)}>
                      {confirming.action === 'delete' ? t('exportReview.downloads.yesDelete') : t('exportReview.downloads.yesErase')}
                    </button>{' '}
                    <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                      {t('exportReview.downloads.cancel')}
                    </button>
                  </div>
                ) : (
                  <p class="actions">
                    {download.exists ? (
                      <button type="button" class="secondary" onClick={() => onReview(download)}>
                        {t('exportReview.downloads.review')}
                      </button>
                    ) : null}{' '}
                    <button type="button" class="secondary" onClick={() => setConfirming({ id: download.id, action: 'erase' })}>
                      {t('exportReview.downloads.erase')}
                    </button>{' '}
                    {download.exists ? (
                      <button type="button" class="secondary" onClick={() => setConfirming({ id: download.id, action: 'delete' })}>
                        {t('exportReview.downloads.delete')}
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
  return cut > 0 ? path.slice(0, cut) : t('exportReview.downloads.yourDownloads');
}
