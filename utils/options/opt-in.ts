/**
 * A switch that needs an optional permission (the Pwned Passwords range API, notifications,
 * browsingData). Turning it on asks for the permission first, straight from the click: browsers
 * show a prompt only during a user gesture, and Firefox only before the first `await`. The choice
 * is saved only if the browser grants it. Turning it off saves first, then gives the permission
 * back, so a failed removal never leaves the feature on.
 */
export interface OptIn {
  request: () => Promise<boolean>;
  remove: () => Promise<unknown>;
  save: (on: boolean) => Promise<unknown>;
  /** The browser refused (or the prompt failed): the switch stays off, and the page says why. */
  refused: () => void;
}

export function switchOptIn(on: boolean, { request, remove, save, refused }: OptIn): void {
  if (!on) {
    void save(false).then(() => remove().catch(() => {}));
    return;
  }
  void request().then(async (granted) => {
    if (granted) await save(true);
    else refused();
  }, refused);
}
