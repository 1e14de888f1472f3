import { useEffect, type RefObject } from 'react';

export interface CurrentItemView {
  currentItemId: string | null;
  /** Scroll to each new current item by itself (a tablet that follows the room). */
  follow: boolean;
  /** Rises each time the person asks to see the current item: scroll there whatever `follow` says. */
  showRequest: number;
}

/**
 * Brings the current item into view in an agenda list: when the room moves on (if the
 * tablet follows) and when the person asks for it. Never on the first render, so opening the
 * meeting page does not jump away from its top.
 */
export function useCurrentItemScroll(list: RefObject<HTMLElement | null>, view: CurrentItemView | undefined): void {
  const itemId = view?.currentItemId ?? null;
  const follow = view?.follow ?? false;
  const showRequest = view?.showRequest ?? 0;
  useEffect(() => {
    if (!itemId || !follow) return;
    scrollTo(list.current, itemId);
  }, [list, itemId, follow]);
  useEffect(() => {
    if (showRequest === 0 || !itemId) return;
    scrollTo(list.current, itemId);
    // Only a new request scrolls: not the room moving on while the person browses elsewhere.
  }, [list, showRequest]);
}

function scrollTo(list: HTMLElement | null, itemId: string): void {
  const row = list?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(itemId)}"]`);
  row?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
