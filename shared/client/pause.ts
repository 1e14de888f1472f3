/** shared/ has no timer types (neither DOM nor Node); both runtimes have setTimeout. */
export const pause = (ms: number) =>
  new Promise<void>((resolve) =>
    (globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown }).setTimeout(resolve, ms),
  );
