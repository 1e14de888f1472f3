import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import type { Result } from 'axe-core';

/** WCAG 2.1 A and AA: what the product promises. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** What fails a test; minor and moderate findings are left to review. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** A view has settled when its DOM has not changed for this long (or after the longest wait). */
const QUIET_MS = 300;
const LONGEST_SETTLE_MS = 3_000;
/** Nodes listed per finding: enough to find the element, not a wall of selectors. */
const TARGETS_SHOWN = 5;

/**
 * Findings left out, each narrowly (one rule on one kind of node) and with why. Only what is
 * not ours to fix belongs here; a finding in our UI is fixed in the UI.
 */
const NOT_OURS: readonly { rule: string; target: RegExp; why: string }[] = [
  {
    rule: 'aria-prohibited-attr',
    target: /^#pdfjs_internal_editor_\d+$/,
    why: "pdf.js's own annotation editors (highlight, ink, free text) in the reader: its markup, not ours",
  },
];

/**
 * The views already checked by this worker, by route and by the shape of their page (see
 * `viewShape`): the sign-in page or a meeting's agenda seen in every test is checked once, a
 * dialog opened or a new kind of row shown makes a new shape. axe-core takes one to three
 * seconds a page on the test machine; every view checked each time tripled the suite's time.
 */
const checkedViews = new Set<string>();

export interface AxeFinding {
  url: string;
  rule: string;
  impact: string;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core on every page a test opens: once each (hash) navigation has settled, and once
 * more on every page still open at the end of the test. Scans of one page run one at a time;
 * a scan never fails on its own (a page closed or navigated mid-scan is simply scanned again
 * or dropped) and the findings are collected for `report`.
 */
export class AxeWatch {
  private readonly findings = new Map<string, AxeFinding>();
  private readonly running = new Map<Page, Promise<void>>();
  private readonly dirty = new Set<Page>();
  private readonly pages = new Set<Page>();
  private readonly errors: string[] = [];

  watchContext(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
  }

  watchPage(page: Page): void {
    if (this.pages.has(page)) return;
    this.pages.add(page);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.schedule(page);
    });
    page.on('close', () => {
      this.pages.delete(page);
      this.dirty.delete(page);
    });
    if (isAppUrl(page.url())) this.schedule(page);
  }

  /** Waits for the scans under way, then scans every page still open as it is now. */
  async finish(): Promise<void> {
    await Promise.all(this.running.values());
    await Promise.all([...this.pages].filter((page) => !page.isClosed()).map((page) => this.scan(page, true)));
  }

  /** Every serious or critical finding so far, one paragraph each; empty when there is none. */
  report(): string {
    const parts = [...this.findings.values()].map(
      (f) =>
        `[${f.impact}] ${f.rule}: ${f.help}\n  page: ${f.url}\n  ${f.helpUrl}\n` +
        f.targets.map((target) => `    at ${target}`).join('\n'),
    );
    if (this.errors.length > 0) parts.push(`axe-core could not run:\n  ${this.errors.join('\n  ')}`);
    return parts.join('\n\n');
  }

  private schedule(page: Page): void {
    this.dirty.add(page);
    if (this.running.has(page)) return;
    const run = (async () => {
      while (this.dirty.delete(page)) {
        if (page.isClosed()) return;
        await settle(page);
        // A navigation while it settled: scan the newer view instead.
        if (this.dirty.has(page)) continue;
        await this.scan(page);
      }
    })().finally(() => this.running.delete(page));
    this.running.set(page, run);
  }

  private async scan(page: Page, final = false): Promise<void> {
    const url = page.url();
    if (page.isClosed() || !isAppUrl(url)) return;
    let violations: Result[];
    try {
      const shape = await page.evaluate(viewShape, final);
      // Someone is typing: a check now would stall the keys for a second. The page is checked
      // once more at the end of the test anyway.
      if (shape === null) return;
      const view = `${hashRoute(url)} ${shape}`;
      if (checkedViews.has(view)) return;
      const results = await new AxeBuilder({ page })
        // Runs axe in the page itself: the default opens a blank page in the test's context
        // to merge frames' results, which a test counting its pages or popups would see.
        .setLegacyMode(true)
        .withTags(AXE_TAGS)
        // Only what fails is collected: the passes of a long agenda cost seconds to gather.
        .options({ resultTypes: ['violations'] })
        .analyze();
      violations = results.violations;
      checkedViews.add(view);
    } catch (error) {
      // A reload keeps the URL: a navigation since the scan began (axe injected into the old
      // document, run in the new one) is not a finding; the newer view is scanned anyway.
      if (page.isClosed() || page.url() !== url || isGone(error) || this.dirty.has(page)) return;
      this.errors.push(`${url}: ${(error as Error).message.split('\n')[0]}`);
      return;
    }
    for (const violation of violations) {
      const impact = violation.impact ?? 'unknown';
      if (!FAILING_IMPACTS.has(impact)) continue;
      const targets = violation.nodes
        .map((node) => ({ target: node.target.map(String).join(' >>> '), html: node.html }))
        .filter(({ target }) => !NOT_OURS.some((n) => n.rule === violation.id && n.target.test(target)))
        .map(({ target, html }) => `${target}   ${html.length > 160 ? `${html.slice(0, 160)}…` : html}`);
      if (targets.length === 0) continue;
      const key = `${hashRoute(url)} ${violation.id} ${targets.join(',')}`;
      this.findings.set(key, {
        url,
        rule: violation.id,
        impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: [
          ...targets.slice(0, TARGETS_SHOWN),
          ...(targets.length > TARGETS_SHOWN ? [`… and ${targets.length - TARGETS_SHOWN} more`] : []),
        ],
      });
    }
  }
}

function isAppUrl(url: string): boolean {
  return url.startsWith('http://') || url.startsWith('https://');
}

/** The route without ids, so one rule broken on two meetings' pages is reported per view. */
function hashRoute(url: string): string {
  return url.replace(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, ':id');
}

function isGone(error: unknown): boolean {
  const message = (error as Error).message ?? '';
  return /closed|Execution context was destroyed|navigat|detached/i.test(message);
}

/**
 * What the axe rules look at, without the text: every element's tag, classes, test id, role,
 * ARIA and labelling attribute names, and whether it is hidden or empty, as one hash.
 */
function viewShape(evenWhileTyping: boolean): string | null {
  const active = document.activeElement;
  if (
    !evenWhileTyping &&
    active instanceof HTMLElement &&
    (active.isContentEditable || /^(INPUT|TEXTAREA)$/.test(active.tagName))
  ) {
    return null;
  }
  const parts = new Set<string>();
  for (const el of document.querySelectorAll('*')) {
    const attributes = [...el.attributes]
      .map((a) => a.name)
      .filter(
        (name) =>
          name.startsWith('aria-') ||
          ['role', 'alt', 'title', 'disabled', 'hidden', 'open', 'for', 'tabindex'].includes(name),
      )
      .sort()
      .join(',');
    const empty = el.childElementCount === 0 && (el.textContent ?? '').trim() === '' ? 'empty' : '';
    parts.add(
      `${el.tagName}.${el.getAttribute('class') ?? ''}#${el.getAttribute('data-testid') ?? ''}[${attributes}]${empty}`,
    );
  }
  let hash = 2166136261;
  for (const part of [...parts].sort().join('|')) {
    hash ^= part.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return `${parts.size}:${(hash >>> 0).toString(36)}`;
}

/** Waits for the load event and then for the DOM to stay still a moment (the route's data arriving). */
async function settle(page: Page): Promise<void> {
  try {
    await page.waitForLoadState('load');
    await page.evaluate(
      ([quietMs, longestMs]) =>
        new Promise<void>((resolve) => {
          let timer = setTimeout(done, quietMs);
          const longest = setTimeout(done, longestMs);
          const observer = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(done, quietMs);
          });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          function done() {
            observer.disconnect();
            clearTimeout(timer);
            clearTimeout(longest);
            resolve();
          }
        }),
      [QUIET_MS, LONGEST_SETTLE_MS] as const,
    );
  } catch {
    // Closed or navigated while waiting: the caller looks again.
  }
}
