// The widget's page and its endpoint on two origins, as a shop with an API host of its
// own deploys them: the page on one origin loads the script-tag build and talks to
// createKycHandler on another, which signs the applicant in by the shop's cookie.
// With credentials="include" and the page's origin in allowedOrigins a verification
// completes; without credentials the cookie stays home (unauthenticated); from an
// origin not in allowedOrigins the widget says origin_not_allowed at its first call.
//
// Both origins are on localhost (ports differ): same site, so the shop's SameSite=Lax
// cookie goes with a credentialed cross-origin call, as it does between
// shop.example and api.shop.example.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '@argos-kyc/sandbox';
import { ArgosClient, createKycHandler, toNodeListener } from '@argos-kyc/server';
import { expect, phonePage, test } from './fixtures.ts';
import { chooseCountry } from './fixtures.ts';

const dist = fileURLToPath(new URL('../../packages/widget/dist/', import.meta.url));
const COOKIE = 'shop_session';

interface Origins {
  sandbox: Sandbox;
  /** The shop's API host: the endpoint at /kyc, and a sign-in that sets the cookie. */
  api: string;
  /** The shop's pages, listed in allowedOrigins. */
  shop: string;
  /** Another site's pages, not listed. */
  other: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}

/** A static page server: the widget's page and its script-tag build. */
function pages(endpoint: () => string, credentials: () => string | null): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    // The script-tag build as an integrator copies it: the script, its lazy steps, the worker.
    if (
      path === '/argos-kyc.js' ||
      path === '/argos-kyc-image-worker.js' ||
      /^\/lazy\/[\w.-]+\.js$/.test(path)
    ) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(`${dist}${path.slice(1)}`));
      return;
    }
    const creds = credentials();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Shop</title>
<script src="/argos-kyc.js"></script>
<ul id="events"></ul>
<argos-kyc endpoint="${endpoint()}/kyc" locale="en" disable-resume${creds ? ` credentials="${creds}"` : ''}></argos-kyc>
<script type="module">
  for (const type of ['kyc-error', 'kyc-complete'])
    document.addEventListener(type, (e) => {
      const li = document.createElement('li');
      li.textContent = type + ' ' + JSON.stringify(e.detail);
      document.getElementById('events').append(li);
    });
</script>`);
  });
}

async function startOrigins(credentials: () => string | null): Promise<Origins> {
  const sandbox = await startSandbox({ port: 0, apiKey: 'cross-origin-key', autoApprove: true, log: false });
  const apiServer = createServer();
  const shopServer = pages(() => api, credentials);
  const otherServer = pages(() => api, credentials);
  const shop = await listen(shopServer);
  const other = await listen(otherServer);
  const kyc = toNodeListener(
    createKycHandler({
      client: new ArgosClient({ apiKey: sandbox.apiKey, baseUrl: `${sandbox.url}/v2` }),
      secrets: [{ kid: 'k1', secret: 'cross-origin-e2e-secret-0123456789abcdef' }],
      resolveApplicant: (request) =>
        new RegExp(`(^|;\\s*)${COOKIE}=alex(;|$)`).test(request.headers.get('cookie') ?? '')
          ? { userid: 'alex-cross', email: 'alex@shop.example' }
          : null,
      // The origin of the pages that show the widget, not the endpoint's own.
      allowedOrigins: [shop],
    }),
  );
  apiServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/sign-in') {
      res
        .writeHead(200, {
          'content-type': 'text/plain',
          'set-cookie': `${COOKIE}=alex; Path=/; HttpOnly; SameSite=Lax`,
        })
        .end('signed in');
      return;
    }
    kyc(req, res);
  });
  const api = await listen(apiServer);
  return {
    sandbox,
    api,
    shop,
    other,
    async close() {
      for (const server of [apiServer, shopServer, otherServer]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      await sandbox.close();
    },
  };
}

const eventLog = (page: Page) => page.locator('#events li');

let credentials: string | null = 'include';
let origins: Origins;
test.beforeAll(async () => {
  origins = await startOrigins(() => credentials);
});
test.afterAll(async () => {
  await origins.close();
});

/** Signs in on the API host (the shop's own sign-in sets its cookie there). */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${origins.api}/sign-in`);
}

test('credentials="include": a verification completes with the endpoint on another origin', async ({
  faceBrowser,
  specimen,
}) => {
  credentials = 'include';
  const page = await phonePage(faceBrowser);
  await signIn(page);
  const session = page.waitForResponse((r) => r.url() === `${origins.api}/kyc/session`);
  await page.goto(`${origins.shop}/`);
  expect((await session).status()).toBe(200);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'I agree, start' }).click();
  await page.getByLabel('Passport').check();
  await chooseCountry(page.getByLabel('Issuing country'), 'USA');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Upload a photo instead' }).click();
  await page.locator('input[type="file"]').setInputFiles(specimen.png);
  await page.getByRole('button', { name: /Use this photo|Use it anyway/ }).click();
  await page.getByRole('button', { name: 'Confirm details' }).click({ timeout: 15_000 });
  const take = page.getByRole('button', { name: 'Take selfie' });
  await expect(take).toBeEnabled({ timeout: 30_000 });
  await take.click();
  await page.getByRole('button', { name: /Use this selfie|Use it anyway/ }).click();
  await expect(page.getByRole('heading', { name: 'You are verified' })).toBeVisible({ timeout: 20_000 });
  await expect(eventLog(page)).toHaveText([/^kyc-complete \{"submissionId":".+","status":"approved"\}$/]);
  // The submission is the cookie's applicant's.
  const list = await fetch(`${origins.sandbox.url}/v2/submission?userid=alex-cross`, {
    headers: { 'x-api-key': origins.sandbox.apiKey },
  });
  expect(((await list.json()) as { Items: { kyc: { result: string } }[] }).Items).toMatchObject([
    { kyc: { result: 'approved' } },
  ]);
  await page.context().close();
});

test('without credentials the cookie stays home: unauthenticated at the first call', async ({
  deniedBrowser,
}) => {
  credentials = null;
  const page = await phonePage(deniedBrowser);
  await signIn(page);
  await page.goto(`${origins.shop}/`);
  await expect(eventLog(page)).toHaveText(['kyc-error {"code":"unauthenticated","retryable":false}']);
  await page.context().close();
});

test('a page origin not in allowedOrigins hears origin_not_allowed at the first call, with a console line', async ({
  deniedBrowser,
}) => {
  credentials = 'include';
  const page = await phonePage(deniedBrowser);
  const logged: string[] = [];
  page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
  await signIn(page);
  const calls: string[] = [];
  page.on('request', (r) => r.url().startsWith(origins.api) && calls.push(new URL(r.url()).pathname));
  await page.goto(`${origins.other}/`);
  await expect(eventLog(page)).toHaveText(['kyc-error {"code":"origin_not_allowed","retryable":false}']);
  await expect(page.getByText('This page is not allowed to verify identities.').first()).toBeVisible();
  // The first call said it, and nothing was retried.
  expect(calls).toEqual(['/kyc/session']);
  expect(logged).toContain(
    `argos-kyc: the endpoint refused this page's origin ${origins.other}: add it to allowedOrigins of createKycHandler`,
  );
  await page.context().close();
});
