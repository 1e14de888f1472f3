/** Whole seconds until an ISO time, never negative (rounded up: "0:01" until it is over). */
export function secondsLeft(closesAt: string, nowMs: number): number {
  const end = Date.parse(closesAt);
  if (Number.isNaN(end)) return 0;
  return Math.max(0, Math.ceil((end - nowMs) / 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "4:05", or "1:02:03" past an hour: how a countdown reads on a tablet and a projector. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}
