/**
 * Small line icons drawn inline. Emoji were used before, but a tablet or kiosk without a
 * colour-emoji font (Debian's Chromium has none) showed an empty box in their place, and a
 * closed room's LAN has nowhere to fetch one from.
 */
const PATHS = {
  /** This device has no signing certificate yet: enrol. */
  key: 'M14.5 4a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11ZM10.6 13.4 3 21M6 18l2.5 2.5M8.5 15.5 11 18',
  /** Signed: a seal on a document. */
  seal: 'M6 2h8l5 5v6M6 2v20h6M14 2v5h5M17 14a3 3 0 1 1 0 6 3 3 0 0 1 0-6Zm-1.5 5.6L15 23l2-1 2 1-.5-3.4',
  file: 'M6 2h8l5 5v15H6V2Zm8 0v5h5M9 12h7M9 16h7',
  folder: 'M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6Z',
  lock: 'M7 10V7a5 5 0 0 1 10 0v3M5 10h14v11H5V10Zm7 4v3',
  /** Reading: the annotation tools rest, a tap selects. */
  pointer: 'M5 3l14 7-6 2-2 6L5 3Z',
  highlighter: 'M15 4l5 5-9 9H6v-5l9-9ZM4 21h9',
  pen: 'M4 20l1-5L16 4l4 4L9 19l-5 1ZM14 6l4 4',
  note: 'M5 4h14v11l-5 5H5V4Zm9 16v-5h5M8 9h8M8 12h5',
  undo: 'M9 13L4 8l5-5M4 8h10a6 6 0 0 1 0 12h-4',
  redo: 'M15 13l5-5-5-5M20 8H10a6 6 0 0 0 0 12h4',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  share:
    'M18 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM6 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm12 7a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM8.6 13.5l6.8 4M15.4 6.5l-6.8 4',
  download: 'M12 3v12M7 10l5 5 5-5M5 21h14',
  list: 'M9 6h11M9 12h11M9 18h11M4 6h1M4 12h1M4 18h1',
  /** The header's menu on a phone. */
  menu: 'M4 6h16M4 12h16M4 18h16',
  /** More actions ("⋯"): three dots drawn as short round strokes. */
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  close: 'M6 6l12 12M18 6L6 18',
  search: 'M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13ZM15.5 15.5 21 21',
  chevronLeft: 'M15 5l-7 7 7 7',
  chevronRight: 'M9 5l7 7-7 7',
  chevronUp: 'M5 15l7-7 7 7',
  chevronDown: 'M5 9l7 7 7-7',
  plus: 'M12 5v14M5 12h14',
  minus: 'M5 12h14',
  check: 'M4 12.5l5 5L20 6.5',
  warning: 'M12 3l10 18H2L12 3Zm0 7v5m0 3h.01',
  upload: 'M12 21V9M7 14l5-5 5 5M5 3h14',
  arrowLeft: 'M19 12H5M11 6l-6 6 6 6',
  arrowRight: 'M5 12h14M13 6l6 6-6 6',
  arrowUp: 'M12 19V5M6 11l6-6 6 6',
  arrowDown: 'M12 5v14M6 13l6 6 6-6',
  radioOn: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18Zm0 6a3 3 0 1 1 0 6 3 3 0 0 1 0-6Z',
  radioOff: 'M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18Z',
  cross: 'M6 6l12 12M18 6L6 18',
  play: 'M7 4l13 8-13 8V4Z',
  stop: 'M6 6h12v12H6V6Z',
  /** A raised hand: asking for the floor. */
  hand: 'M8 13V5.5a1.5 1.5 0 0 1 3 0V11M11 10.5v-7a1.5 1.5 0 0 1 3 0V11M14 10.5v-5a1.5 1.5 0 0 1 3 0V14M17 10a1.5 1.5 0 0 1 3 0v4a8 8 0 0 1-8 8 7 7 0 0 1-6-3.5L3.3 14a1.5 1.5 0 0 1 2.5-1.7L8 15',
  /** Speaking now: a microphone. */
  mic: 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3ZM5 11a7 7 0 0 0 14 0M12 18v3M9 21h6',
  indent: 'M4 5h16M10 10h10M10 14h10M4 19h16M4 9l3 3-3 3',
  outdent: 'M4 5h16M10 10h10M10 14h10M4 19h16M7 9l-3 3 3 3',
  edit: 'M4 20l1-5L16 4l4 4L9 19l-5 1Z',
  /** The room's big screen. */
  screen: 'M3 4h18v12H3V4Zm6 16h6M12 16v4',
  grip: 'M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01',
} as const;

export type IconName = keyof typeof PATHS;

/** An icon the size of the text around it, hidden from screen readers (the label says it). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon"
      data-icon={name}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      // The dots of "more" and "grip" are zero-length strokes: thicker, so they read as dots.
      strokeWidth={name === 'more' || name === 'grip' ? 3 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
