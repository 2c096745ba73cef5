import { FORMATS, type FileReview } from '@/utils/export-review/model';
import type { ReviewProgress } from '@/utils/export-review/review';
import { reviewMessageText, zipEntriesText } from '@/utils/export-review/review-text';
import { formatBytes } from './format';
import { formatList } from '@/utils/i18n/format';
import { fill, keep, t } from '@/utils/i18n/t';

export interface FileEntry {
  key: number;
  name: string;
  size: number;
  state: 'waiting' | 'reading' | 'done';
  progress?: ReviewProgress;
  review?: FileReview;
  /** Set when the patient picked this file to check a download: whether it is that download. */
  matchNote?: string;
}

const OUTCOME_WORDS = { reviewed: 'exportReview.outcome.reviewed', listed: 'exportReview.outcome.listed', unrecognised: 'exportReview.outcome.unrecognised', refused: 'exportReview.outcome.refused', failed: 'exportReview.outcome.failed', cancelled: 'exportReview.outcome.cancelled' } as const;

export function FileList({ files, onCancel }: { files: readonly FileEntry[]; onCancel: (key: number) => void }) {
  return (
    <ul class="file-list" data-testid="file-list">
      {files.map((entry) => {
        const percent = entry.progress && entry.progress.bytesTotal > 0 ? Math.min(100, Math.round((entry.progress.bytesDone / entry.progress.bytesTotal) * 100)) : 0;
        const review = entry.review;
        return (
          <li key={entry.key} class={`file ${review ? `outcome-${review.outcome}` : ''}`} data-testid="file-entry">
            <p>
              <strong class="path">{entry.name}</strong> <span class="muted small">{formatBytes(entry.size)}</span>
            </p>
            {entry.state === 'waiting' ? <p class="muted">{t('exportReview.file.waiting')}</p> : null}
            {entry.state === 'reading' ? (
              <p>
                <label>
                  {entry.progress?.current ? t('exportReview.file.readingPart', { part: entry.progress.current, percent }) : t('exportReview.file.reading', { percent })}{' '}
                  <progress max={100} value={percent}>
                    {percent}%
                  </progress>
                </label>{' '}
                <button type="button" class="secondary" onClick={() => onCancel(entry.key)} aria-label={t('exportReview.file.cancelLabel', { file: entry.name })}>
                  {t('exportReview.file.cancel')}
                </button>
              </p>
            ) : null}
            {review ? (
              <>
                <p data-testid="file-outcome">
                  {review.outcome === 'reviewed' || review.outcome === 'listed'
                    ? fill(t('exportReview.file.outcomeFormat', keep('outcome', 'format')), { outcome: <strong>{t(OUTCOME_WORDS[review.outcome])}</strong>, format: t(FORMATS[review.format]) })
                    : <strong>{t(OUTCOME_WORDS[review.outcome])}</strong>}
                  {review.findings.fhirVersions.length > 0 ? <span data-testid="file-fhir-version"> ({t('exportReview.file.fhirVersions', { versions: formatList([...review.findings.fhirVersions].sort()) })})</span> : null}
                  {review.zipEntries ? <span class="muted small" data-testid="file-zip-entries"> ({zipEntriesText(review.zipEntries)})</span> : null}
                </p>
                {review.message ? (
                  <p class="error" data-testid="file-message">
                    {reviewMessageText(review.message)}
                  </p>
                ) : null}
                {review.warnings.length > 0 ? (
                  <ul class="small warnings">
                    {review.warnings.map((warning) => reviewMessageText(warning)).map((text) => (
                      <li key={text}>{text}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ) : null}
            {entry.matchNote ? <p class="small">{entry.matchNote}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
