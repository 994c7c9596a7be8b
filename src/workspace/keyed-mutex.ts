/** Runs async critical sections one at a time per key, in call order. */
export interface KeyedMutex {
  run<T>(key: string, section: () => Promise<T>): Promise<T>;
}

/**
 * An in-process mutex per key. It only orders callers that share this object; the cross-process file
 * lock (`acquireFileLock`) is what actually protects a mirror, this just avoids polling that file when
 * the contention is inside one process.
 */
export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run<T>(key: string, section: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.then(section);
      // The stored tail never rejects, so one failed section does not poison the ones queued after it.
      const tail = current.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await current;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
