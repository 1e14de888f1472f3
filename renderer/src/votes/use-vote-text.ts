import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { numberAgenda } from '../../../shared/domain/index.js';
import type { AgendaItem, Vote, VoteDefaults } from '../../../shared/protocol/index.js';
import { formatCountdown } from './countdown.js';
import { optionLabel, type OptionLabel } from './result-bars.js';

/** An option as a person reads it: "Tán thành", or the candidate's name. */
export function useOptionText() {
  const { t } = useTranslation();
  return useCallback(
    (label: OptionLabel) => (label.kind === 'answer' ? t(`vote.option.${label.id}`) : label.name),
    [t],
  );
}

/** The chosen options of a vote, named and joined ("Tán thành"; "An, Bình"). */
export function useChoicesText() {
  const text = useOptionText();
  return useCallback(
    (vote: Pick<Vote, 'options'>, choices: readonly string[]) =>
      choices.map((id) => text(optionLabel(vote.options, id))).join(', '),
    [text],
  );
}

/** "Mục 3.2. Biểu quyết thông qua Nghị quyết" for a vote's agenda item, or null. */
export function useAgendaItemText(agenda: readonly AgendaItem[]) {
  const { t } = useTranslation();
  const numbered = useMemo(() => numberAgenda(agenda), [agenda]);
  return useCallback(
    (itemId: string | null) => {
      const item = itemId ? numbered.find((i) => i.id === itemId) : undefined;
      return item ? t('vote.agendaItem', { number: item.number, title: item.title }) : null;
    },
    [numbered, t],
  );
}

/** "Đa số tuyệt đối trên tổng số thành viên · Túc số: …": how a vote is decided. */
export function useMajorityText() {
  const { t } = useTranslation();
  return useCallback(
    ({ rule, base, quorum }: VoteDefaults) =>
      [
        rule === 'simple' ? t('vote.rule.simple') : `${t(`vote.rule.${rule}`)} ${t(`vote.base.${base}`)}`,
        `${t('quorum.title')}: ${t(`quorum.rule.${quorum}`)}`,
      ].join(' · '),
    [t],
  );
}

/** One line with a vote's rules: kind · options · majority · quorum · changes · time limit. */
export function useVoteRulesText() {
  const { t } = useTranslation();
  const majority = useMajorityText();
  return useCallback(
    (vote: Vote) => {
      const parts = [
        t(`vote.kind.${vote.kind}`),
        vote.options.type === 'candidates'
          ? t('vote.options.candidates', { seats: vote.options.seats, n: vote.options.candidates.length })
          : t('vote.options.yes-no-abstain'),
        majority(vote),
      ];
      if (vote.allowChange) parts.push(t('vote.allowsChange'));
      if (vote.durationSeconds !== null)
        parts.push(t('vote.duration', { time: formatCountdown(vote.durationSeconds) }));
      return parts.join(' · ');
    },
    [t, majority],
  );
}
