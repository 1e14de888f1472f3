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
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
