import { useRef, useState } from 'preact/hooks';

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
        <strong>Choose files</strong> or drop them here
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
        A record download from your portal: an XML, JSON or NDJSON file, a zip (such as an IHE XDM package or an Apple Health export), or PDFs and images.
      </p>
    </div>
  );
}
