import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/protocol/index.js';
import { foldForSearch } from '../../../../shared/domain/search-fold.js';
import { CheckboxField } from '../../components/CheckboxField.js';
import { TextField } from '../../components/TextField.js';
import { sortPeople } from '../people/sort-people.js';

interface Props {
  people: readonly Person[];
  chosen: ReadonlySet<string>;
  onChange(chosen: Set<string>): void;
}

/** Members by search: the chosen first, then whoever matches (50 at most, so a long list stays light). */
export function MemberPicker({ people: given, chosen, onChange }: Props) {
  const { t } = useTranslation();
  const people = useMemo(() => sortPeople(given), [given]);
  const [query, setQuery] = useState('');
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  const matches = people.filter(
    (p) =>
      !p.disabled &&
      words.every((w) => foldForSearch(`${p.displayName} ${p.username} ${p.title} ${p.unit}`).includes(w)),
  );
  const shown = [...people.filter((p) => chosen.has(p.id)), ...matches.filter((p) => !chosen.has(p.id)).slice(0, 50)];
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="member-picker" data-testid="member-picker">
      <legend className="field__label">{t('groups.members', { count: chosen.size })}</legend>
      <TextField
        label={t('groups.searchPeople')}
        type="search"
        value={query}
        onChange={setQuery}
        testId="member-search"
      />
      <ul className="member-picker__list">
        {shown.map((p) => (
          <li key={p.id} data-testid="member-option" data-username={p.username}>
            <CheckboxField
              label={`${p.displayName} (${p.username})${p.unit ? ` · ${p.unit}` : ''}`}
              checked={chosen.has(p.id)}
              onChange={(on) => toggle(p.id, on)}
              testId={`member-${p.username}`}
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
