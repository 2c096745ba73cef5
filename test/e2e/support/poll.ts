/**
 * Read until `ok` holds, or fail naming what was awaited and the last value seen. The browsers
 * update extension state asynchronously, so tests wait for a condition rather than sleep.
 */
export async function poll<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  if (!ok(value)) throw new Error(`Timed out waiting for ${what}; last saw ${JSON.stringify(value)}`);
  return value;
}
