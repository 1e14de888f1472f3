import { describe, expect, it } from 'vitest';
import { typedText } from './typed-text.js';

describe('typedText', () => {
  it('gives back what was typed, and nothing of ids, versions or keys', () => {
    expect(
      typedText({
        commandId: 'c',
        itemId: 'i',
        baseVersion: 3,
        title: 'Báo cáo ngân sách',
        plannedMinutes: 20,
      }),
    ).toEqual(['Báo cáo ngân sách', '20']);
    expect(typedText({ voteId: 'v', choices: ['yes'] })).toEqual([]);
    expect(typedText(undefined)).toEqual([]);
  });
});
