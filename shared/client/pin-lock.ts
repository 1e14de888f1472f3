/**
 * The PIN policy of a device's signing key: 6 to 12 digits; every wrong PIN counts; from the
 * 5th a wait of 30 s, doubling with each further miss; at the 10th the key is erased and the
 * person must enrol the device again. A right PIN starts the count afresh.
 */

export const PIN_PATTERN = /^\d{6,12}$/;
/** Wrong PINs before the key is erased. */
export const MAX_WRONG_PINS = 10;
/** Wrong PINs before the first wait. */
export const FREE_WRONG_PINS = 5;
export const FIRST_PIN_WAIT_MS = 30_000;

export interface PinCounter {
  /** Wrong PINs since the last right one. */
  failedPins: number;
  /** No try before this time (ISO), or null. */
  lockedUntil: string | null;
}

export const FRESH_PIN_COUNTER: PinCounter = { failedPins: 0, lockedUntil: null };

export function isWellFormedPin(pin: string): boolean {
  return PIN_PATTERN.test(pin);
}

export function pinAttemptsLeft(counter: PinCounter): number {
  return Math.max(0, MAX_WRONG_PINS - counter.failedPins);
}

/** Until when a try must wait, or null when one may be made now. */
export function pinWaitUntil(counter: PinCounter, now: Date): Date | null {
  if (counter.lockedUntil === null) return null;
  const until = new Date(counter.lockedUntil);
  return until.getTime() > now.getTime() ? until : null;
}

/** The wait after this many wrong PINs: none before the 5th, then 30 s, 60 s, 120 s … */
export function pinWaitMs(failedPins: number): number {
  if (failedPins < FREE_WRONG_PINS) return 0;
  return FIRST_PIN_WAIT_MS * 2 ** (failedPins - FREE_WRONG_PINS);
}

/** The count after one more wrong PIN, and whether the key must now be erased. */
export function afterWrongPin(counter: PinCounter, now: Date): { counter: PinCounter; erase: boolean } {
  const failedPins = counter.failedPins + 1;
  if (failedPins >= MAX_WRONG_PINS) return { counter: { failedPins, lockedUntil: null }, erase: true };
  const wait = pinWaitMs(failedPins);
  const lockedUntil = wait > 0 ? new Date(now.getTime() + wait).toISOString() : null;
  return { counter: { failedPins, lockedUntil }, erase: false };
}
