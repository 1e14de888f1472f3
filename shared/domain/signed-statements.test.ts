import { describe, expect, it } from 'vitest';
import { approvalStatement, statementBytes } from './signed-statements.js';

describe('signed statements', () => {
  it('encodes statements as the same UTF-8 as the platform, Vietnamese and beyond', () => {
    for (const text of ['Phê duyệt tờ trình', 'Đại hội đồng cổ đông', 'a\u{1F600}b', 'x\u00e9\u0800\uffff']) {
      expect(Buffer.from(statementBytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('puts the fields in one fixed order whatever order they are given in', () => {
    const fields = {
      meetingId: 'm',
      agendaItemId: null,
      documentId: 'd',
      documentTitle: 'Tờ trình số 5',
      version: 2,
      sha256: 'a'.repeat(64),
      decision: 'approve' as const,
      reason: '',
      signerId: 'u',
      signedAt: '2026-11-30T01:02:03.000Z',
    };
    const reversed = Object.fromEntries(Object.entries(fields).reverse()) as typeof fields;
    expect(approvalStatement(reversed)).toBe(approvalStatement(fields));
    expect(Object.keys(JSON.parse(approvalStatement(fields)) as object)[0]).toBe('type');
  });
});
