import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Notice } from '@/utils/feed/schema';
import { crossReference } from '@/utils/export-review/cross-reference';
import type { DownloadsApi, PortalDownload } from '@/utils/export-review/downloads';
import type { FileReview } from '@/utils/export-review/model';
import { highRiskItems, mergeFindings, personFieldsList } from '@/utils/export-review/summary';
import type { ReviewJob, StartReviewOptions } from '@/utils/export-review/worker-client';
import { formatList, formatLongDate, formatNumber } from '@/utils/i18n/format';
import { fill, keep, t } from '@/utils/i18n/t';
import type { Portal, PortalIndex } from '@/utils/portals';
import { CrossReferenceView } from './CrossReferenceView';
import { DownloadHygiene } from './DownloadHygiene';
import { FileList, type FileEntry } from './FileList';
import { FilePicker } from './FilePicker';
import { HighRiskPanel } from './HighRiskPanel';
import { NOTICE_PREFIX, PortalChooser } from './PortalChooser';
import { PrintSummary } from './PrintSummary';
import { SummaryView } from './SummaryView';
import { formatRange } from './format';

export interface ExportReviewDeps {
  portals: readonly Portal[];
  /** The portal named by `?portal=`, if Portal Guard knows it. */
  initialPortal: string;
  /** Which portal a download came from: the current index (catalogue, policy and the patient's portals). */
  portalIndex: PortalIndex;
  startReview: (file: File, options: StartReviewOptions) => ReviewJob;
  loadNotices: (portalId: string) => Promise<Notice[]>;
  /** Notices about incidents that involved no catalogue portal, offered in the same list. */
  loadOtherNotices?: () => Promise<Notice[]>;
  downloadsApi?: DownloadsApi;
  today?: () => Date;
  print?: () => void;
}

type NoticeState = { kind: 'none' } | { kind: 'loading' } | { kind: 'loaded'; notices: Notice[] } | { kind: 'error'; message: string };

let nextKey = 1;

export function ExportReview({ deps }: { deps: ExportReviewDeps }) {
  const [portalId, setPortalId] = useState(deps.initialPortal);
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [notices, setNotices] = useState<NoticeState>({ kind: 'none' });
  const [announcement, setAnnouncement] = useState('');
  const [otherNotices, setOtherNotices] = useState<Notice[]>([]);
  const jobs = useRef(new Map<number, ReviewJob>());
  const queue = useRef<{ key: number; file: File; expected?: PortalDownload }[]>([]);
  const running = useRef(false);
  const expected = useRef<PortalDownload | undefined>(undefined);

  useEffect(() => {
    if (!portalId) {
      setNotices({ kind: 'none' });
      return;
    }
    let current = true;
    setNotices({ kind: 'loading' });
    const load = portalId.startsWith(NOTICE_PREFIX)
      ? Promise.resolve(otherNotices.filter((notice) => `${NOTICE_PREFIX}${notice.id}` === portalId))
      : deps.loadNotices(portalId);
    load.then(
      (list) => current && setNotices({ kind: 'loaded', notices: list }),
      (error: Error) => current && setNotices({ kind: 'error', message: error.message }),
    );
    return () => {
      current = false;
    };
  }, [portalId]);

  useEffect(() => {
    deps.loadOtherNotices?.().then(setOtherNotices, () => setOtherNotices([]));
  }, []);

  // Stop every worker when the page goes away.
  useEffect(() => () => jobs.current.forEach((job) => job.cancel()), []);

  const update = (key: number, change: Partial<FileEntry>) => setFiles((list) => list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  // One file at a time: a second 500 MB file waits rather than doubling memory.
  const pump = async () => {
    if (running.current) return;
    running.current = true;
    while (queue.current.length > 0) {
      const { key, file, expected: download } = queue.current.shift()!;
      update(key, { state: 'reading' });
      const job = deps.startReview(file, { onProgress: (progress) => update(key, { progress }) });
      jobs.current.set(key, job);
      const review = await job.done;
      jobs.current.delete(key);
      update(key, { state: 'done', review, ...(download ? { matchNote: matchNote(file, download) } : {}) });
    }
    running.current = false;
    setAnnouncement(t('exportReview.page.finished'));
  };

  const addFiles = (picked: File[]) => {
    const download = expected.current;
    expected.current = undefined;
    const entries = picked.map((file) => ({ key: nextKey++, name: file.name, size: file.size, state: 'waiting' as const }));
    setFiles((list) => [...list, ...entries]);
    entries.forEach((entry, index) => queue.current.push({ key: entry.key, file: picked[index]!, ...(download ? { expected: download } : {}) }));
    setAnnouncement(t('exportReview.page.reading', picked.length, { count: formatNumber(picked.length) }));
    void pump();
  };

  const cancel = (key: number) => {
    jobs.current.get(key)?.cancel();
    queue.current = queue.current.filter((item) => item.key !== key);
  };

  const reviews = files.map((entry) => entry.review).filter((review): review is FileReview => !!review && (review.outcome === 'reviewed' || review.outcome === 'listed'));
  const findings = useMemo(() => mergeFindings(reviews), [files]);
  const highRisk = useMemo(() => highRiskItems(findings), [findings]);
  const references = useMemo(() => (notices.kind === 'loaded' ? notices.notices.map((notice) => crossReference(notice, findings)) : []), [notices, findings]);
  const portalName = deps.portals.find((portal) => portal.id === portalId)?.name ?? t('exportReview.page.thisIncident');

  const reviewDownload = (download: PortalDownload) => {
    expected.current = download;
    setAnnouncement(t('exportReview.page.chooseDownload', { file: download.name }));
    document.getElementById('export-files')?.click();
  };

  return (
    <>
      <main class="screen-only">
        <h1>{t('exportReview.page.heading')}</h1>
        <p>
          {fill(t('exportReview.page.intro', keep('nothingSent')), { nothingSent: <strong>{t('exportReview.page.nothingSent')}</strong> })}
        </p>

        <section aria-labelledby="choose-heading">
          <h2 id="choose-heading">{t('exportReview.page.chooseHeading')}</h2>
          <FilePicker onFiles={addFiles} />
        </section>

        <section aria-labelledby="portal-heading">
          <h2 id="portal-heading">{t('exportReview.page.portalHeading')}</h2>
          <PortalChooser portals={deps.portals} otherNotices={otherNotices} value={portalId} onChange={setPortalId} />
          {notices.kind === 'loading' ? <p class="muted">{t('exportReview.page.loadingNotices')}</p> : null}
          {notices.kind === 'error' ? <p class="error">{t('exportReview.page.noticesFailed', { reason: notices.message })}</p> : null}
          {notices.kind === 'loaded' && notices.notices.length === 0 ? <p>{t('exportReview.page.noNotices', { portal: portalName })}</p> : null}
          {notices.kind === 'loaded' && notices.notices.length > 0 ? (
            <p>{t('exportReview.page.compareWith', { titles: formatList(notices.notices.map((notice) => t('exportReview.page.quoted', { title: notice.title }))) })}</p>
          ) : null}
        </section>

        {files.length > 0 ? (
          <section aria-labelledby="files-heading">
            <h2 id="files-heading">{t('exportReview.page.filesHeading')}</h2>
            <FileList files={files} onCancel={cancel} />
          </section>
        ) : null}

        {reviews.length > 0 ? (
          <section aria-labelledby="summary-heading" data-testid="summary">
            <h2 id="summary-heading">{t('exportReview.page.summaryHeading')}</h2>
            <p data-testid="summary-facts">
              {t('exportReview.page.filesReviewed', reviews.length, { count: formatNumber(reviews.length) })}{' '}
              {t('exportReview.page.datesInRecord', { range: formatRange(findings.firstDate, findings.lastDate) })}
              {findings.patients > 1 ? ` ${t(findings.patientsOverCap ? 'exportReview.page.peopleOverCap' : 'exportReview.page.people', { count: formatNumber(findings.patients), fields: personFieldsList(findings.patientsDifferIn) })}` : ''}
              {findings.fhirVersions.length > 0 ? ` ${t('exportReview.page.fhirVersions', findings.fhirVersions.length, { versions: formatList([...findings.fhirVersions].sort()) })}` : ''}
            </p>
            <HighRiskPanel items={highRisk} />
            {references.map((reference) => (
              <CrossReferenceView key={reference.noticeId} result={reference} />
            ))}
            <SummaryView findings={findings} />
            <p>
              <button type="button" onClick={() => (deps.print ?? (() => window.print()))()}>
                {t('exportReview.page.print')}
              </button>
            </p>
          </section>
        ) : null}

        <DownloadHygiene {...(deps.downloadsApi ? { api: deps.downloadsApi } : {})} index={deps.portalIndex} onReview={reviewDownload} />

        <p role="status" class="visually-hidden" data-testid="announcement">
          {announcement}
        </p>
      </main>
      {reviews.length > 0 ? <PrintSummary findings={findings} files={reviews.length} highRisk={highRisk} references={references} printedOn={formatLongDate(deps.today?.() ?? new Date())} /> : null}
    </>
  );
}

function matchNote(file: File, download: PortalDownload): string {
  const same = file.name === download.name && (download.size === undefined || download.size === file.size);
  return same ? t('exportReview.page.sameDownload', { portal: download.portal }) : t('exportReview.page.otherDownload', { file: download.name, portal: download.portal });
}
