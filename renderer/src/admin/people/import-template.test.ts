import { describe, expect, it } from 'vitest';
import { importTemplateCsv } from './import-template.js';

describe('importTemplateCsv', () => {
  it('is a header row the server reads and one example person, with a BOM for Excel', () => {
    const vi = importTemplateCsv('vi');
    expect(vi.startsWith('\uFEFF')).toBe(true);
    expect(vi.slice(1).split('\r\n')).toEqual([
      'Tên đăng nhập,Họ và tên,Chức vụ,Đơn vị,Số ghế,Email',
      'nguyenvanan,Nguyễn Văn An,Đại biểu,Ban Pháp chế,A12,nguyenvanan@example.vn',
      '',
    ]);
    expect(importTemplateCsv('en').slice(1).split('\r\n')[0]).toBe('username,displayName,title,unit,seat,email');
  });
});
