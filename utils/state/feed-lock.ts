/**
 * Writes to the stored feed happen one at a time: installing the bundled feed on first run and an
 * update arriving at the same moment must not interleave their read-compare-write steps.
 */
let queue: Promise<unknown> = Promise.resolve();

export function withFeedLock<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}
