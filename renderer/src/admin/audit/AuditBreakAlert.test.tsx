import { describe, expect, it } from 'vitest';
import type { AuditChainCheck } from '../../../../shared/protocol/index.js';
import { renderInLanguage } from '../../i18n/render-static.js';
import { AuditBreakAlert } from './AuditBreakAlert.js';

const intact: AuditChainCheck = { chain: 'global', meetingTitle: null, rows: 12, problem: null };
const broken: AuditChainCheck = {
  chain: '01a22e1b-cd81-7082-be02-d78fdaef691c',
  meetingTitle: 'Kỳ họp thứ mười hai',
  rows: 40,
  problem: { kind: 'unlinked', rowId: 57, at: '2026-11-30T09:15:00Z' },
};

const render = (lng: 'vi' | 'en', chains: AuditChainCheck[]) =>
  renderInLanguage(lng, <AuditBreakAlert chains={chains} />);

describe('AuditBreakAlert', () => {
  it('names a broken chain, its row, when, and what was found, in an alert with a heading', async () => {
    const html = await render('en', [intact, broken]);
    expect(html).toContain('role="alert"');
    expect(html).toContain('Warning: 1 audit chain is broken');
    expect(html).toContain('Kỳ họp thứ mười hai');
    expect(html).toContain('row 57');
    expect(html).toContain('a row was deleted or inserted before it');
    expect(html).not.toContain('audit-intact');
  });

  it('says every chain is intact, in Vietnamese, without an alert', async () => {
    const html = await render('vi', [intact, { ...intact, chain: 'x', meetingTitle: 'Họp' }]);
    expect(html).toContain('Mọi chuỗi băm còn nguyên vẹn (đã kiểm tra 2 chuỗi).');
    expect(html).not.toContain('role="alert"');
  });

  it('names a cut tail with no row left', async () => {
    const html = await render('vi', [{ ...broken, chain: 'global', problem: { kind: 'cut', rowId: null, at: null } }]);
    expect(html).toContain('Ngoài cuộc họp (đăng nhập, tài khoản)');
    expect(html).toContain('không còn dòng nào');
    expect(html).toContain('các dòng cuối đã bị xóa');
  });
});
