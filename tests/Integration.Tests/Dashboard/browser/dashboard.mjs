// Drives the city dashboard in Debian's headless Chromium and prints what it saw as one JSON line.
//   node dashboard.mjs overview|repair BASE_URL USER SCREENSHOT.png      (password in HR_DASHBOARD_PASSWORD)
// overview: the page sends an anonymous visitor to sign-in, a wrong password is refused, then it signs
//           in, reads every district's and clinic's figures, clicks "Reconcile now" and reads the new run.
// repair:   signs in, reconciles (the test corrupted a district first), reads the findings and the
//           highlighted figures, repairs them with a reason, reconciles again and reads the outcome.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [scenario, base, user, screenshot] = process.argv.slice(2);
const password = process.env.HR_DASHBOARD_PASSWORD ?? '';
if (!['overview', 'repair'].includes(scenario) || !base || !user || !screenshot || !password) {
  console.error('usage: HR_DASHBOARD_PASSWORD=... node dashboard.mjs overview|repair BASE_URL USER SCREENSHOT.png');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'hr-chromium-'));
// A fresh profile each run (launchPersistentContext is how Playwright takes a user-data dir).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1280, height: 900 },
  // The machine's network is closed: without these Chromium keeps dialling Google's hosts.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  page.setDefaultTimeout(90_000);
  const result = scenario === 'overview' ? await overview(page) : await repair(page);
  console.log(JSON.stringify(result));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

async function overview(page) {
  await page.goto(`${base}/`);
  const redirectedToSignIn = new URL(page.url()).pathname === '/signin';
  const refusal = await signIn(page, user, `${password}-wrong`);
  const wrongPassword = { status: refusal.status, message: await textOf(page, '#signin-error'), stayedOnSignIn: new URL(page.url()).pathname === '/signin' };
  await signIn(page, user, password);
  const signedInAs = await textOf(page, '#signed-in-user');
  const before = { runId: await runId(page), figures: await figures(page), activity: await activity(page) };
  const after = await reconcile(page, before.runId);
  await page.screenshot({ path: screenshot, fullPage: true });
  return { redirectedToSignIn, wrongPassword, signedInAs, before, after };
}

async function repair(page) {
  await page.goto(`${base}/signin`);
  await signIn(page, user, password);
  const found = await reconcile(page, await runId(page));
  const findings = await page.locator('#findings tbody tr').evaluateAll(rows => rows.map(r => ({
    record: r.dataset.record, repaired: r.querySelector('[data-figure="repaired"]').textContent.trim(),
  })));
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.fill('#repair-reason', '区县索引与市级不一致，按市级数据修复');
  await page.click('#repair');
  await page.locator('#flash').waitFor();
  const flash = await textOf(page, '#flash');
  const repairedFindings = await page.locator('#findings [data-figure="repaired"]').allTextContents();
  const clean = await reconcile(page, found.runId);
  return { found: { ...found, findings }, flash, repairedFindings, clean };
}

/** Submits the sign-in form; answers the status of the form's POST. */
async function signIn(page, name, secret) {
  await page.fill('#user', name);
  await page.fill('#password', secret);
  const [response] = await Promise.all([
    page.waitForResponse(r => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signin'),
    page.click('#signin'),
  ]);
  await page.waitForLoadState('load');
  return { status: response.status() };
}

/** Clicks "Reconcile now" and waits until the page shows a run other than the one before. */
async function reconcile(page, before) {
  await page.click('#reconcile');
  const deadline = Date.now() + 90_000;
  let id = before;
  while (id === before) {
    if (Date.now() > deadline) throw new Error(`the page still shows run ${before} after reconciling`);
    await page.waitForTimeout(200);
    id = await runId(page).catch(() => before); // the page may be between documents
  }
  await page.waitForLoadState('load');
  return {
    runId: id,
    outcome: await page.locator('#last-run-outcome').getAttribute('data-outcome'),
    by: await textOf(page, '#last-run-by'),
    recordsCompared: number(await textOf(page, '#last-run-records')),
    findings: number(await textOf(page, '#last-run-findings')),
    historyRuns: await page.locator('#history tbody tr').count(),
    figures: await figures(page),
  };
}

async function runId(page) {
  const run = page.locator('#last-run');
  return (await run.count()) === 0 ? null : await run.getAttribute('data-run-id');
}

/** Every row of the counts table as shown: numbers as the administrator reads them ("—" is null). */
async function figures(page) {
  const rows = await page.locator('#counts tbody tr').evaluateAll(trs => trs.map(tr => {
    const cell = name => tr.querySelector(`[data-figure="${name}"]`);
    return {
      district: tr.dataset.district, clinic: tr.dataset.clinic,
      cityManaged: cell('city-managed').textContent, districtManaged: cell('district-managed').textContent,
      cityArchived: cell('city-archived').textContent, districtArchived: cell('district-archived').textContent,
      highlighted: [...tr.querySelectorAll('td.mismatch')].map(td => td.dataset.figure),
      matched: cell('matched').textContent.trim(),
    };
  }));
  return rows.map(r => ({ ...r, cityManaged: number(r.cityManaged), districtManaged: number(r.districtManaged),
    cityArchived: number(r.cityArchived), districtArchived: number(r.districtArchived) }));
}

async function activity(page) {
  const rows = await page.locator('#activity tbody tr').evaluateAll(trs => trs.map(tr => ({
    clinic: tr.dataset.clinic,
    transfersPending: tr.querySelector('[data-figure="transfers-pending"]').textContent,
    uploads: tr.querySelector('[data-figure="uploads"]').textContent,
  })));
  return rows.map(r => ({ clinic: r.clinic, transfersPending: number(r.transfersPending), uploads: number(r.uploads) }));
}

async function textOf(page, selector) {
  return (await page.locator(selector).textContent())?.trim() ?? null;
}

function number(text) {
  const t = (text ?? '').trim();
  return t === '—' || t === '' ? null : Number(t.replaceAll(',', ''));
}
