/** Bytes pushed in, one chunk at a time; `end` finishes (and throws if the input was incomplete). */
export interface Sink {
  write(chunk: Uint8Array): void;
  end(): void;
}
