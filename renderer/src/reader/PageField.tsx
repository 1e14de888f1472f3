import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  pages: number;
  onGo(page: number): void;
}

/** "Trang [5] / 30": type a number and press Enter (or leave the field) to go there. */
export function PageField({ page, pages, onGo }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(page));
  useEffect(() => setText(String(page)), [page]);
  const commit = () => {
    const n = Number.parseInt(text, 10);
    if (Number.isFinite(n) && n >= 1 && n <= pages && n !== page) onGo(n);
    else setText(String(page));
  };
  return (
    <label className="page-field">
      <span className="visually-hidden">{t('reader.pageNumber')}</span>
      <input
        className="input page-field__input"
        inputMode="numeric"
        value={text}
        onChange={(e) => setText(e.target.value.replace(/\D/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        onBlur={commit}
        data-testid="reader-page-input"
      />
      <span className="page-field__total" data-testid="reader-page-count">
        / {pages}
      </span>
    </label>
  );
}
