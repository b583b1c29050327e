// Status messages (role="status") are inserted empty and filled a moment later: a live
// region must be in the page before its text changes, or some screen readers never
// announce it (WCAG 4.1.3; docs/architecture.md, "Focus and announcements").
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a new status region stays empty, so assistive technology sees it before its text. */
const FILL_DELAY_MS = 100;

/**
 * The text of each status region of a host, by key. A region rendered for the first
 * time gets '' and, after FILL_DELAY_MS, its text; a region that stays keeps its text
 * and announces each change.
 */
export class StatusText implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  /** Keys rendered by the current render. */
  private rendered = new Set<string>();
  /** Keys whose region has been in the page long enough to be filled. */
  private ready = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** What region `key` shows now: '' on its first render, then `text`. */
  text(key: string, text: string): string {
    this.rendered.add(key);
    return this.ready.has(key) ? text : '';
  }

  hostUpdate(): void {
    this.rendered = new Set();
  }

  hostUpdated(): void {
    const present = this.rendered;
    this.ready = new Set([...this.ready].filter((key) => present.has(key)));
    if (this.timer === undefined && [...present].some((key) => !this.ready.has(key))) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.ready = new Set(this.rendered);
        this.host.requestUpdate();
      }, FILL_DELAY_MS);
    }
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ready = new Set();
  }
}
