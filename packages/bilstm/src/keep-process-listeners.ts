interface Snapshot {
  uncaught: unknown[];
  rejection: unknown[];
}

const snapshot = (): Snapshot => ({
  uncaught: process.listeners('uncaughtException'),
  rejection: process.listeners('unhandledRejection'),
});

function removeNew(before: Snapshot): void {
  for (const l of process.listeners('uncaughtException')) {
    if (!before.uncaught.includes(l)) process.removeListener('uncaughtException', l);
  }
  for (const l of process.listeners('unhandledRejection')) {
    if (!before.rejection.includes(l)) process.removeListener('unhandledRejection', l);
  }
}

/**
 * Runs `fn` and removes any `uncaughtException` / `unhandledRejection` listener it added. Emscripten's
 * Node glue (tfjs-backend-wasm's module) installs listeners that rethrow every uncaught error, printing the
 * whole glue source; a library must leave the process's own error handling as it was.
 */
export async function keepProcessListeners<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = snapshot();
  try {
    return await fn();
  } finally {
    removeNew(before);
  }
}

/** The synchronous form of {@link keepProcessListeners}. */
export function keepProcessListenersSync<T>(fn: () => T): T {
  const before = snapshot();
  try {
    return fn();
  } finally {
    removeNew(before);
  }
}
