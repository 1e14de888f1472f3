/**
 * The server's clock ahead of ours, taking the answer as made halfway through the round trip;
 * a round trip over 10 s says too little (kept at 0 then, as when the server sent no time).
 */
export function clockOffset(serverTime: string | undefined, asked: number, answered: number): number {
  if (!serverTime || answered - asked > 10_000) return 0;
  return Math.round(Date.parse(serverTime) - (asked + answered) / 2);
}

/** Now by the server's clock, from this device's and the offset of the last sync. */
export function serverNow(offsetMs: number | undefined, deviceNow: number = Date.now()): Date {
  return new Date(deviceNow + (offsetMs ?? 0));
}
