// Fixtures of the embedding specs (embed-*, csp-*, bridge-*): the shared demo fixtures
// plus the widget's build (the /embed/ pages load dist/argos-kyc.js), rebuilt once per
// worker when any source is newer than it, and a recorder of CSP trouble on a page.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test as base } from './fixtures.ts';

export { expect, phonePage, submissionsOf } from './fixtures.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const WIDGET = join(root, 'packages/widget');
const DIST_SCRIPT = join(WIDGET, 'dist/argos-kyc.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the widget unless dist/ is newer than every source it is made of. */
export function ensureWidgetBuilt(): void {
  const sources = ['packages/widget/src', 'packages/widget/build', 'packages/core/src'].map((d) =>
    newestMtime(join(root, d)),
  );
  const built =
    existsSync(DIST_SCRIPT) && existsSync(join(WIDGET, 'dist/size-report.json'))
      ? statSync(join(WIDGET, 'dist/size-report.json')).mtimeMs
      : 0;
  if (built > Math.max(...sources)) return;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'build/build.ts'], {
    cwd: WIDGET,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`widget build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

// Annotated so that declaration emit can name the base fixtures' type.
export const test: ReturnType<typeof base.extend<object, { widgetDist: string }>> = base.extend<
  object,
  { widgetDist: string }
>({
  widgetDist: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      ensureWidgetBuilt();
      await use(join(WIDGET, 'dist'));
    },
    { scope: 'worker', timeout: 120_000, auto: true },
  ],
});

/** Console errors about Content Security Policy, and uncaught page errors, from now on. */
export function watchConsole(page: Page): { cspErrors: string[]; pageErrors: string[] } {
  const seen = { cspErrors: [] as string[], pageErrors: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text()))
      seen.cspErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  return seen;
}

/** What demo/pages/embed/embed-page.js recorded. */
export interface EmbedRecord {
  events: Array<{ type: string; detail: unknown }>;
  violations: Array<{ directive: string; blocked: string; source: string; line: number }>;
  historyCalls: string[];
  stylesBefore: Record<string, unknown>;
}

export function embedRecord(page: Page): Promise<EmbedRecord> {
  return page.evaluate(() => {
    const r = (window as unknown as { embedRecord: EmbedRecord }).embedRecord;
    return {
      events: r.events,
      violations: r.violations,
      historyCalls: r.historyCalls,
      stylesBefore: r.stylesBefore,
    };
  });
}

/** The page's global styles now (same shape as `stylesBefore`). */
export function globalStyles(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() =>
    (
      window as unknown as { embedRecord: { globalStyles(): Record<string, unknown> } }
    ).embedRecord.globalStyles(),
  );
}
