import { useRef, useState } from 'preact/hooks';
import { fill, keep, t } from '@/utils/i18n/t';

/**
 * Choose or drop files. The drop zone is a label for the file input, so keyboard and screen-reader
 * users get the ordinary file dialog, and dropping is only a shortcut.
 */
export function FilePicker({ onFiles, id = 'export-files' }: { onFiles: (files: File[]) => void; id?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  return (
    <div
      class={`drop-zone${over ? ' over' : ''}`}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        const files = [...(event.dataTransfer?.files ?? [])];
        if (files.length > 0) onFiles(files);
      }}
    >
      <label for={id}>
        {fill(t('exportReview.picker.label', keep('choose')), { choose: <strong>{t('exportReview.picker.choose')}</strong> })}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        multiple
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          const files = [...((event.currentTarget as HTMLInputElement).files ?? [])];
          if (files.length > 0) onFiles(files);
          // Choosing the same file again should review it again.
          (event.currentTarget as HTMLInputElement).value = '';
        }}
      />
      <p id={`${id}-hint`} class="muted small">
        {t('exportReview.picker.hint')}
      </p>
    </div>
  );
}
