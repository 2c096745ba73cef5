import { FORMAT_LABELS, type FileReview } from '@/utils/export-review/model';
import type { ReviewProgress } from '@/utils/export-review/review';
import { formatBytes } from './format';

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

const OUTCOME_WORDS = { reviewed: 'Reviewed', listed: 'Listed (not a record format, so not read)', unrecognised: 'Not a recognised health record', refused: 'Not read, for your safety', failed: 'Could not be read', cancelled: 'Cancelled' } as const;

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
            {entry.state === 'waiting' ? <p class="muted">Waiting…</p> : null}
            {entry.state === 'reading' ? (
              <p>
                <label>
                  Reading{entry.progress?.current ? ` ${entry.progress.current}` : ''}: {percent}%{' '}
                  <progress max={100} value={percent}>
                    {percent}%
                  </progress>
                </label>{' '}
                <button type="button" class="secondary" onClick={() => onCancel(entry.key)} aria-label={`Cancel reading ${entry.name}`}>
                  Cancel
                </button>
              </p>
            ) : null}
            {review ? (
              <>
                <p data-testid="file-outcome">
                  <strong>{OUTCOME_WORDS[review.outcome]}</strong>
                  {review.outcome === 'reviewed' || review.outcome === 'listed' ? `: ${FORMAT_LABELS[review.format]}` : ''}
                  {review.detail ? <span class="muted small"> ({review.detail})</span> : null}
                </p>
                {review.message ? (
                  <p class="error" data-testid="file-message">
                    {review.message}
                  </p>
                ) : null}
                {review.warnings.length > 0 ? (
                  <ul class="small warnings">
                    {review.warnings.map((warning) => (
                      <li key={warning}>{warning}</li>
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
