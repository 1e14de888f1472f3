import { Component, useEffect, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isPartLoadError } from './part-load-error.js';

interface Props {
  /** For the test id and the log: which part this is (`app`, `reader`, `display`). */
  part: string;
  children: ReactNode;
  /**
   * No one is there to press a button (the room's projector): a part that could not be
   * fetched reloads the page by itself after this many milliseconds.
   */
  reloadAfterMs?: number;
}

interface State {
  error: unknown;
}

/**
 * What a part of the app shows when it fails instead of a blank page: above all a lazily
 * loaded part (the reader) whose file the server no longer has because it was updated while
 * this tab stayed open; a reload brings the new version. Any other error offers to try the
 * part again. The rest of the page (the agenda, the ballot) stays as it was.
 */
export class PartBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`The ${this.props.part} part failed`, error, info.componentStack);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <PartFailed
        part={this.props.part}
        updated={isPartLoadError(this.state.error)}
        reloadAfterMs={this.props.reloadAfterMs}
        onRetry={() => this.setState({ error: null })}
      />
    );
  }
}

function PartFailed({
  part,
  updated,
  reloadAfterMs,
  onRetry,
}: {
  part: string;
  updated: boolean;
  reloadAfterMs: number | undefined;
  onRetry(): void;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    if (!updated || reloadAfterMs === undefined) return;
    const timer = setTimeout(() => window.location.reload(), reloadAfterMs);
    return () => clearTimeout(timer);
  }, [updated, reloadAfterMs]);
  return (
    <div className="part-failed" role="alert" data-testid={`part-failed-${part}`}>
      <p className="part-failed__text">{t(updated ? 'partBoundary.notFetched' : 'partBoundary.failed')}</p>
      <div className="part-failed__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid={`part-failed-${part}-reload`}
          onClick={() => window.location.reload()}
        >
          {t('partBoundary.reload')}
        </button>
        {/* A failed import is kept by the browser: only a reload fetches the part again. */}
        {!updated && (
          <button type="button" className="button" data-testid={`part-failed-${part}-retry`} onClick={onRetry}>
            {t('partBoundary.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
