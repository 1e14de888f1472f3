/**
 * Runs `task` every `everyMs`, never two at once: a sweep slower than its period (a
 * database under load) is skipped, not stacked. The timer does not keep the process alive.
 * Returns the stop function.
 */
export function repeatEvery(
  everyMs: number,
  task: () => Promise<void>,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void task()
      .catch(onError)
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
