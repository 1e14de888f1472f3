import { describe, expect, it } from 'vitest';
import { minutesFromRecord } from '../domain/minutes-prefill.js';
import { meetingRecord } from '../../test/support/minutes-record.js';
import { MAX_MINUTES_BYTES, minutesBytes, MinutesContentSchema, MinutesVoteSchema } from './minutes.js';

const content = () => minutesFromRecord(meetingRecord());

describe('MinutesContentSchema', () => {
  it('normalises decomposed (NFD) Vietnamese to NFC everywhere', () => {
    const input = content();
    input.header.title = input.header.title.normalize('NFD');
    input.attendance[0]!.name = '  Nguyễn Văn Hùng  '.normalize('NFD');
    input.agenda[1]!.votes[0]!.counts[0]!.label = 'Tán thành'.normalize('NFD');
    const parsed = MinutesContentSchema.parse(input);
    expect(parsed.header.title).toBe(meetingRecord().title.normalize('NFC'));
    expect(parsed.attendance[0]!.name).toBe('Nguyễn Văn Hùng'.normalize('NFC'));
    expect(parsed.agenda[1]!.votes[0]!.counts[0]!.label).toBe('Tán thành'.normalize('NFC'));
  });

  it('counts a name after NFC: a 120-letter NFD name (longer in code units) fits', () => {
    const input = content();
    const name = 'ệ'.repeat(120);
    input.attendance[0]!.name = name.normalize('NFD');
    expect(MinutesContentSchema.parse(input).attendance[0]!.name).toBe(name);
    input.attendance[0]!.name = 'ệ'.repeat(121);
    expect(MinutesContentSchema.safeParse(input).success).toBe(false);
  });

  it('refuses an oversized field, a long list, control characters and unknown keys', () => {
    const long = content();
    long.agenda[0]!.discussion = 'x'.repeat(20_001);
    expect(MinutesContentSchema.safeParse(long).success).toBe(false);
    const many = content();
    many.attendance = Array.from({ length: 501 }, () => ({ ...many.attendance[0]! }));
    expect(MinutesContentSchema.safeParse(many).success).toBe(false);
    const control = content();
    control.header.organisation = 'HĐND\u0000';
    expect(MinutesContentSchema.safeParse(control).success).toBe(false);
    expect(MinutesContentSchema.safeParse({ ...content(), extra: 1 }).success).toBe(false);
  });

  it('refuses content that would not fit one socket message, each field within its own limit', () => {
    const big = content();
    // 4 × 20,000 letters of 3 UTF-8 bytes: every field allowed, the whole ~240 KB.
    for (const item of big.agenda) item.discussion = 'ệ'.repeat(20_000);
    expect(minutesBytes(big)).toBeGreaterThan(MAX_MINUTES_BYTES);
    const result = MinutesContentSchema.safeParse(big);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(String(MAX_MINUTES_BYTES));
    expect(MAX_MINUTES_BYTES).toBe(60 * 1024);
  });

  it('measures UTF-8 bytes, not UTF-16 code units', () => {
    expect(minutesBytes('ệ')).toBe(5); // "ệ" with its quotes
    expect(minutesBytes('😀')).toBe(6);
  });

  it('a secret vote lists no names', () => {
    const vote = content().agenda[2]!.votes[0]!;
    expect(MinutesVoteSchema.safeParse(vote).success).toBe(true);
    const leaked = { ...vote, namedChoices: [{ name: 'Ai đó', choice: 'Tán thành' }] };
    expect(MinutesVoteSchema.safeParse(leaked).success).toBe(false);
  });

  it('checks the date, the time zone and the agenda numbering', () => {
    const bad = content();
    bad.header.date = '2026-13-01';
    expect(MinutesContentSchema.safeParse(bad).success).toBe(false);
    const zone = content();
    zone.header.timeZone = 'Mars/Olympus';
    expect(MinutesContentSchema.safeParse(zone).success).toBe(false);
    const number = content();
    number.agenda[0]!.number = '1.a';
    expect(MinutesContentSchema.safeParse(number).success).toBe(false);
  });
});
