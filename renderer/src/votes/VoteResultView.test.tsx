import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { computeOutcome } from '../../../shared/domain/index.js';
import type { VoteResult } from '../../../shared/protocol/index.js';
import en from '../i18n/en.json';
import vi from '../i18n/vi.json';
import { ResultSummary } from './ResultSummary.js';
import { makeVote } from './test-fixtures.js';
import { VoteResultView } from './VoteResultView.js';

async function render(lng: 'vi' | 'en', node: ReactNode): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng });
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

// The walk-through's vote: 1 yes, 1 no, 3 needed (absolute majority of the 4 members).
const TALLY = { yes: 1, no: 1, abstain: 0 };
const outcome = computeOutcome({
  kind: 'question',
  tally: TALLY,
  ballots: 2,
  rule: 'absolute',
  base: 'members',
  quorum: 'none',
  present: 4,
  members: 4,
});
const tied: VoteResult = { tally: TALLY, ballots: 2, present: 4, members: 4, outcome, named: null };
/** As results published before the fix were stored: a question with the outcome `tie`. */
const legacy: VoteResult = { ...tied, outcome: { ...outcome, outcome: 'tie' } };
const vote = (result: VoteResult) => makeVote(1, { status: 'closed', result });

const word = (html: string) => /class="result-outcome__word">([^<]+)</.exec(html)?.[1];

describe('a tied question', () => {
  it('is "not adopted", the tie a note under it, in both languages and for a result stored as a tie', async () => {
    for (const result of [tied, legacy]) {
      const html = await render('vi', <VoteResultView vote={vote(result)} />);
      expect(word(html)).toBe('Không thông qua');
      expect(html).toContain('data-outcome="rejected"');
      expect(html).toContain('(số phiếu ngang nhau)');
      expect(html).not.toContain('Bằng phiếu');
      const summary = await render('en', <ResultSummary vote={vote(result)} result={result} />);
      expect(word(summary)).toBe('Rejected');
      expect(summary).toContain('(tied)');
    }
  });

  it('has no tie note when the question was simply not adopted', async () => {
    const lost = { ...tied, tally: { yes: 1, no: 2, abstain: 0 }, ballots: 3 };
    const html = await render('vi', <VoteResultView vote={vote(lost)} />);
    expect(word(html)).toBe('Không thông qua');
    expect(html).not.toContain('result-tied-note');
  });
});
