import { useTranslation } from 'react-i18next';

export type MeetingSection = 'votes' | 'speakers' | 'documents' | 'agenda' | 'participants';

/** The wrapper of a section of the meeting page: no box of its own, so the page's layout is unchanged. */
export function SectionAnchor({ section, children }: { section: MeetingSection; children: React.ReactNode }) {
  return (
    <div className="section-anchor" id={`meeting-${section}`}>
      {children}
    </div>
  );
}

/**
 * On a phone the meeting page is one long column (votes, speakers, papers, agenda, people):
 * a row of buttons to reach each part in one tap. Hidden where the page is wide enough to see.
 */
export function SectionJump({ sections }: { sections: readonly MeetingSection[] }) {
  const { t } = useTranslation();
  if (sections.length < 2) return null;
  const jump = (section: MeetingSection) => {
    // The anchor has no box (display: contents): its first part is what scrolls into view.
    const target = document.getElementById(`meeting-${section}`)?.firstElementChild;
    if (!(target instanceof HTMLElement)) return;
    // Below what stays pinned at the top (the header, the notices), not under it.
    const pinned = ['.app-header', '.notice-banners'].reduce((bottom, selector) => {
      const element = document.querySelector(selector);
      return element ? Math.max(bottom, element.getBoundingClientRect().bottom) : bottom;
    }, 0);
    const top = target.getBoundingClientRect().top + window.scrollY - pinned - 8;
    window.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  };
  return (
    <nav className="section-jump" aria-label={t('meetingNav.label')} data-testid="meeting-section-jump">
      {sections.map((section) => (
        <button
          key={section}
          type="button"
          className="button button--quiet section-jump__item"
          onClick={() => jump(section)}
          data-testid={`meeting-jump-${section}`}
        >
          {t(`meetingNav.${section}`)}
        </button>
      ))}
    </nav>
  );
}
