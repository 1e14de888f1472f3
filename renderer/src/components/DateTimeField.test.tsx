import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';
import { DateField, DateTimeField } from './DateTimeField.js';

async function render(lng: 'vi' | 'en', node: ReactNode): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng });
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

const parts = { day: '3', month: '12', year: '2026', hour: '14', minute: '00' };

describe('the date and time picker', () => {
  it('labels each part in the UI language, in day/month/year hour:minute order, typed on the number pad', async () => {
    const html = await render(
      'vi',
      <DateTimeField label="Thời gian bắt đầu" value={parts} onChange={() => {}} testId="when" />,
    );
    expect(html).toContain('<legend class="field__label">Thời gian bắt đầu</legend>');
    const labels = [...html.matchAll(/<span class="field__hint">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(labels).toEqual(['Ngày', 'Tháng', 'Năm', 'Giờ', 'Phút']);
    expect(html.match(/inputMode="numeric"/g)).toHaveLength(5);
    expect(html).not.toMatch(/type="(date|time|datetime-local)"/);
    for (const part of ['day', 'month', 'year', 'hour', 'minute']) expect(html).toContain(`data-testid="when-${part}"`);
  });

  it('points every part at the error and marks it invalid, only when there is one', async () => {
    const html = await render(
      'en',
      <DateField label="Date" value={parts} onChange={() => {}} error="Not a valid date." testId="d" />,
    );
    const errorId =
      /<span id="([^"]+)" class="field__hint field__hint--error" data-testid="d-error">Not a valid date.<\/span>/.exec(
        html,
      )?.[1];
    expect(errorId).toBeDefined();
    expect(html.match(new RegExp(`aria-describedby="${errorId}"`, 'g'))).toHaveLength(4); // the group and 3 parts
    expect(html.match(/aria-invalid="true"/g)).toHaveLength(3);
    const fine = await render('en', <DateField label="Date" value={parts} onChange={() => {}} testId="d" />);
    expect(fine).not.toContain('aria-invalid');
    expect(fine).not.toContain('aria-describedby');
    expect(fine.match(/<span class="field__hint">([^<]+)<\/span>/g)).toHaveLength(3);
  });
});

describe("the browser's own date pickers", () => {
  it('are used nowhere in the renderer: every date and time goes through this picker', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('..', import.meta.url).pathname;
    const offenders = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'))
      .filter((f) =>
        readFileSync(join(root, f), 'utf8')
          .split('\n')
          // Comments may name the browser's inputs (this picker's own says what it replaces).
          .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
          .some((line) => /type=["'{]+(date|time|datetime-local)["'}]/.test(line)),
      );
    expect(offenders).toEqual([]);
  });
});
