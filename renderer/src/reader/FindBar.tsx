import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindResult } from './use-pdf-viewer.js';
import { Icon } from '../components/Icon.js';

interface Props {
  result: FindResult | null;
  onFind(query: string, again: boolean, previous?: boolean): void;
  onClose(): void;
}

const NOT_FOUND = 1;

/** Search within the open document: every match highlighted, next and previous. */
export function FindBar({ result, onFind, onClose }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const go = (previous: boolean) => {
    const q = query.trim();
    if (!q) return;
    onFind(q, q === searched, previous);
    setSearched(q);
  };
  return (
    <form
      className="find-bar"
      role="search"
      noValidate
      data-testid="reader-find"
      onKeyDown={(e) => {
        // Escape in the find bar closes the bar, not the reader behind it.
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        go(false);
      }}
    >
      <label className="find-bar__field">
        <span className="visually-hidden">{t('reader.findLabel')}</span>
        <input
          className="input"
          type="search"
          value={query}
          placeholder={t('reader.findPlaceholder')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="reader-find-input"
          // The bar opens to be typed in.
          autoFocus
        />
      </label>
      <button
        type="button"
        className="button"
        onClick={() => go(true)}
        data-testid="reader-find-prev"
        aria-label={t('reader.findPrev')}
      >
        <Icon name="chevronUp" />
      </button>
      <button
        type="submit"
        className="button button--primary"
        data-testid="reader-find-next"
        aria-label={t('reader.findNext')}
      >
        <Icon name="chevronDown" />
      </button>
      <span className="find-bar__count" aria-live="polite" data-testid="reader-find-count">
        {result && searched
          ? result.state === NOT_FOUND || result.total === 0
            ? t('reader.findNone')
            : t('reader.findCount', { current: result.current, total: result.total })
          : ''}
      </span>
      <button
        type="button"
        className="button button--quiet"
        onClick={onClose}
        data-testid="reader-find-close"
        aria-label={t('reader.findClose')}
      >
        <Icon name="close" />
      </button>
    </form>
  );
}
