import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../db/schema.js';

/** No look-alikes: 0/O, 1/I/L are left out, so a code read aloud or typed from paper works. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A code is handed over on paper or a screen and used the same day. */
export const ENROLLMENT_CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** 12 characters of 31: about 59 bits, far beyond the 5 guesses per 10 minutes a person gets. */
export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Only the hash is stored: a copy of the database holds no usable code. */
export function enrollmentCodeHash(code: string): string {
  return createHash('sha256').update(`cabinet/enrollment-code/v1\0${code.toUpperCase()}`).digest('hex');
}

/** Whether a code is one this user could redeem now (checked before the CA signs anything). */
export async function enrollmentCodeUsable(db: Db, code: string, userId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('enrollment_codes')
    .select('code_hash')
    .where('code_hash', '=', enrollmentCodeHash(code))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Takes a code for this user, once: answers true only if it exists, was made for them, is
 * unexpired and unused, and marks it used in the same statement (two devices racing with one
 * code: one wins).
 */
export async function redeemEnrollmentCode(
  tx: Db,
  code: string,
  userId: string,
  now: Date,
  serial: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('enrollment_codes')
    .set({ used_at: now.toISOString(), certificate_serial: serial })
    .where('code_hash', '=', enrollmentCodeHash(code))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Enrolment attempts per person, per node: 5 refused in 10 minutes (a wrong code, a bad
 * request), then RATE_LIMITED until the window passes. An attempt counts from the moment it
 * starts, so guesses sent all at once are counted before any of them is judged; an attempt
 * that succeeds is taken back.
 */
export class EnrollmentGuesses {
  private readonly attempts = new Map<string, number[]>();
  constructor(
    private readonly limit = 5,
    private readonly windowMs = 10 * 60 * 1000,
  ) {}

  /** Counts an attempt, or answers null when the person has no attempt left. */
  begin(userId: string, now: Date): number | null {
    const recent = this.recent(userId, now);
    if (recent.length >= this.limit) return null;
    const mark = now.getTime() + Math.random();
    this.attempts.set(userId, [...recent, mark]);
    return mark;
  }

  /** The attempt succeeded: it no longer counts against the person. */
  forgive(userId: string, mark: number): void {
    this.attempts.set(
      userId,
      (this.attempts.get(userId) ?? []).filter((t) => t !== mark),
    );
  }

  private recent(userId: string, now: Date): number[] {
    return (this.attempts.get(userId) ?? []).filter((t) => now.getTime() - t < this.windowMs);
  }
}
