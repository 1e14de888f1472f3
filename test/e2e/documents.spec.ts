import { type Page } from '@playwright/test';
import { makePdf, VIETNAMESE_PAGES } from '../support/pdf-fixtures.js';
import { expect, newPersonPage, openDemoMeeting, signIn, test, uniqueTitle } from './fixtures.js';
import {
  documentRow,
  expectPageDrawn,
  meetingIdOf,
  openReader,
  pdfFile,
  uploadViaApi,
  afterDocumentTest,
  trackDocument,
} from './document-helpers.js';

test.afterEach(afterDocumentTest);

/** Every phase an upload line went through, seen by the page itself (a fast upload passes them in a blink). */
async function watchUploadPhases(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __phases: string[] }).__phases = seen;
    const note = () => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="upload-item"]')) {
        const phase = `${el.dataset.phase}${el.querySelector('progress') ? '+bar' : ''}`;
        if (seen.at(-1) !== phase) seen.push(phase);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  return () => page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
}

test('the secretary uploads by the file picker and by drag and drop, and sees each upload’s progress', async ({
  browser,
}) => {
  const secretary = await newPersonPage(browser);
  await signIn(secretary, 'thuky');
  await openDemoMeeting(secretary);
  const phases = await watchUploadPhases(secretary);
  const bytes = await makePdf({ pages: [...VIETNAMESE_PAGES] });

  const picked = uniqueTitle('Nghị quyết chọn tệp');
  await secretary.getByTestId('upload-file').setInputFiles(pdfFile(`${picked}.pdf`, bytes));
  // The title defaults to the file's name.
  await expect(secretary.getByTestId('upload-title')).toHaveValue(picked);
  await secretary.getByTestId('upload-submit').click();
  await expect(secretary.getByTestId('upload-item').filter({ hasText: picked })).toHaveAttribute('data-phase', 'done', {
    timeout: 15_000,
  });
  expect((await phases()).some((p) => p.endsWith('+bar'))).toBe(true);
  await expect(documentRow(secretary, picked).getByTestId('document-pages')).toContainText('5');
  const meetingId = await meetingIdOf(secretary);
  trackDocument(meetingId, (await documentRow(secretary, picked).getAttribute('data-document-id'))!);

  const dropped = uniqueTitle('Tờ trình kéo thả');
  const transfer = await secretary.evaluateHandle(
    ({ data, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name, { type: 'application/pdf' }));
      return dt;
    },
    { data: [...bytes], name: `${dropped}.pdf` },
  );
  await secretary.getByTestId('upload-dropzone').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(secretary.getByTestId('upload-title')).toHaveValue(dropped);
  await secretary.getByTestId('upload-submit').click();
  await expect(secretary.getByTestId('upload-item').filter({ hasText: dropped })).toHaveAttribute(
    'data-phase',
    'done',
    {
      timeout: 15_000,
    },
  );
  await expect(documentRow(secretary, dropped)).toBeVisible();
  trackDocument(meetingId, (await documentRow(secretary, dropped).getAttribute('data-document-id'))!);

  // A file that is no PDF is refused with the server's message, in the UI's language.
  await secretary
    .getByTestId('upload-file')
    .setInputFiles(pdfFile('giả mạo.pdf', new TextEncoder().encode('không phải PDF')));
  await secretary.getByTestId('upload-submit').click();
  await expect(secretary.getByTestId('upload-error')).toHaveAttribute('data-code', 'NOT_A_PDF');
  await expect(secretary.getByTestId('upload-error')).toContainText('không phải là PDF');
});

test('a delegate reads page 1, and search in the reader highlights Vietnamese words, đ included', async ({
  browser,
}) => {
  const delegate = await newPersonPage(browser);
  // pdf.js runs under the server's CSP: its worker, wasm decoders, fonts and cMaps from our origin only.
  await delegate.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  // pdf.js falls back to parsing on the main thread (a "fake worker") when its worker fails to load.
  const warnings: string[] = [];
  delegate.on('console', (m) => warnings.push(m.text()));
  await signIn(delegate, 'daibieu1');
  await openDemoMeeting(delegate);
  const title = uniqueTitle('Báo cáo đọc');
  await uploadViaApi(await meetingIdOf(delegate), title, await makePdf({ pages: [...VIETNAMESE_PAGES] }));
  await expect(documentRow(delegate, title)).toBeVisible();

  const reader = await openReader(delegate, title);
  await expect(reader).toHaveAttribute('data-page', '1');
  await expectPageDrawn(reader, 1, 'Nghị quyết Đại hội');

  await delegate.getByTestId('reader-find-toggle').click();
  await delegate.getByTestId('reader-find-input').fill('biểu quyết');
  await delegate.getByTestId('reader-find-input').press('Enter');
  const highlight = reader.locator('.page[data-page-number="2"] .textLayer .highlight');
  await expect(highlight.first()).toBeVisible();
  await expect(reader).toHaveAttribute('data-page', '2');
  expect((await highlight.allTextContents()).join('').toLowerCase()).toContain('biểu');

  // pdf.js leaves đ alone; the reader folds it, so "dai hoi" finds "Đại hội" on page 1.
  await delegate.getByTestId('reader-find-input').fill('dai hoi');
  await delegate.getByTestId('reader-find-input').press('Enter');
  await expect(reader.locator('.page[data-page-number="1"] .textLayer .highlight').first()).toBeVisible();
  await expect(reader).toHaveAttribute('data-page', '1');
  // Escape in the find bar closes the bar; the reader stays open.
  await delegate.getByTestId('reader-find-input').press('Escape');
  await expect(delegate.getByTestId('reader-find')).toHaveCount(0);
  await expect(reader).toBeVisible();
  expect(warnings.filter((w) => /fake worker|Content Security Policy/i.test(w))).toEqual([]);
  expect(await delegate.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual(
    [],
  );
});
