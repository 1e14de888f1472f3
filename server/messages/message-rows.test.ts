import { describe, expect, it } from 'vitest';
import type { MeetingRole } from '../../shared/protocol/index.js';
import { mayRead } from './message-rows.js';

const SENDER = 'sender';
const TO = 'recipient';
const ROLES: Array<MeetingRole | null> = ['secretary', 'chair', 'delegate', 'observer', null];

/** Who reads what, by role, for a reader who neither sent the message nor is named by it. */
function bystanders(row: Parameters<typeof mayRead>[0]): Array<MeetingRole | null> {
  return ROLES.filter((role) => mayRead(row, { id: 'someone else', role }));
}

describe('who may read a message', () => {
  it('a request: its sender, the secretaries, and the chair only when the sender chose so', () => {
    const request = { kind: 'request', sender_id: SENDER, recipient_id: null, chair_may_see: 0 } as const;
    expect(bystanders(request)).toEqual(['secretary']);
    expect(bystanders({ ...request, chair_may_see: 1 })).toEqual(['secretary', 'chair']);
    for (const role of ROLES) expect(mayRead(request, { id: SENDER, role })).toBe(true);
  });

  it('a notice to one person: that person, its sender, the chair and the secretaries', () => {
    const notice = { kind: 'notice', sender_id: SENDER, recipient_id: TO, chair_may_see: 1 } as const;
    expect(bystanders(notice)).toEqual(['secretary', 'chair']);
    expect(mayRead(notice, { id: TO, role: 'observer' })).toBe(true);
    expect(mayRead(notice, { id: SENDER, role: 'chair' })).toBe(true);
  });

  it('a notice to all: everyone who sees the meeting', () => {
    const notice = { kind: 'notice', sender_id: SENDER, recipient_id: null, chair_may_see: 1 } as const;
    expect(bystanders(notice)).toEqual(ROLES);
  });
});
