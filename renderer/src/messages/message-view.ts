import type { HeldMessage } from '../../../shared/client/api.js';
import type { MessageState, MessageTopic } from '../../../shared/protocol/index.js';
import { formatClock } from '../format/datetime.js';
import { isLanguage } from '../i18n/index.js';

/** The i18n keys of a request's topic and state (messages.topic.*, messages.state.*). */
export const TOPIC_KEY = {
  print: 'messages.topic.print',
  device: 'messages.topic.device',
  microphone: 'messages.topic.microphone',
  water: 'messages.topic.water',
  other: 'messages.topic.other',
} as const satisfies Record<MessageTopic, `messages.topic.${string}`>;

export const STATE_KEY = {
  open: 'messages.state.open',
  acknowledged: 'messages.state.acknowledged',
  done: 'messages.state.done',
  declined: 'messages.state.declined',
  withdrawn: 'messages.state.withdrawn',
} as const satisfies Record<MessageState, `messages.state.${string}`>;

/** Still the desk's business: waiting, or being handled. */
export const isOpen = (m: HeldMessage) => m.state === 'open' || m.state === 'acknowledged';

/** The desk's inbox: open first (oldest first: first come, first served), then the rest, newest first. */
export function inboxOrder(requests: readonly HeldMessage[]): HeldMessage[] {
  const open = requests.filter(isOpen).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const rest = requests.filter((m) => !isOpen(m));
  return [...open, ...rest];
}

/** Notices shown as banners: to this user or to all, not their own, not dismissed. */
export function bannersFor(messages: readonly HeldMessage[], userId: string, dismissed: ReadonlySet<string>) {
  return messages.filter(
    (m) =>
      m.kind === 'notice' &&
      m.sender.id !== userId &&
      (m.recipient === null || m.recipient.id === userId) &&
      !dismissed.has(m.id),
  );
}

export const time = (iso: string, lang: string) => formatClock(iso, isLanguage(lang) ? lang : 'vi');
