// Shared helpers for the browser journeys in tests/e2e/*.test.mjs.
//
// Each test file starts its own server on a fresh demo database (seed 5) and its own
// Chromium (Debian's /usr/bin/chromium driven by playwright-core), so the files can run
// in parallel under ctest. FOLJSAM_BIN and FOLJSAM_WEB_DIR come from tests/CMakeLists.txt;
// without them the helpers fall back to build/foljsam and web/ so a file can be run by
// hand with `node --test tests/e2e/<name>.test.mjs` from the repository root.

import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PASSWORD = 'Följsam-demo-2026';

// Insatser in the demo (names as the demo creates them).
export const INSATS = {
    finsam: 'FINSAM-team',
    aktivitetsplatsen: 'Aktivitetsplatsen',
    novum: 'Novum',
    ipsPsykos: 'IPS i psykosvården',
    ipsBeroende: 'IPS för personer med beroende',
};

function binary() {
    return process.env.FOLJSAM_BIN || path.join(repoRoot, 'build', 'foljsam');
}

function webDir() {
    return process.env.FOLJSAM_WEB_DIR || path.join(repoRoot, 'web');
}

// Creates a demo database in a new temp dir and starts `foljsam serve` on a free port.
// Returns {url, dataDir, stop()}; stop() kills the server and removes the data dir.
export async function startServer() {
    const bin = binary();
    assert.ok(existsSync(bin), `foljsam binary not found at ${bin}; build it or set FOLJSAM_BIN`);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'foljsam-e2e-'));
    execFileSync(bin, ['demo', '--data', dataDir, '--seed', '5'], { stdio: 'pipe' });
    const child = spawn(bin, ['serve', '--data', dataDir, '--port', '0', '--web-dir', webDir()], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const url = await new Promise((resolve, reject) => {
        let stdout = '';
        const timer = setTimeout(() => reject(new Error(`server did not start in 15 s; stderr: ${stderr}`)), 15000);
        child.stdout.on('data', (chunk) => {
            stdout += chunk;
            const match = stdout.match(/Följsam kör på (http:\/\/127\.0\.0\.1:\d+\/)/);
            if (match) {
                clearTimeout(timer);
                resolve(match[1]);
            }
        });
        child.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`server exited with ${code}; stderr: ${stderr}`));
        });
    });
    child.stdout.resume();
    // Never leave a server behind, even when the test process ends without calling stop().
    process.on('exit', () => child.kill('SIGKILL'));
    return {
        url,
        dataDir,
        async stop() {
            if (child.exitCode === null) {
                const exited = new Promise((resolve) => child.once('exit', resolve));
                child.kill('SIGTERM');
                const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
                await exited;
                clearTimeout(timer);
            }
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
}

// Chromium without network features (the test machine is offline).
export async function launchBrowser() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
}

// A new browser context against the server, with the app's real CSP in force.
// Short timeouts: the app answers in milliseconds, and a missing element should fail fast.
export async function newContext(browser, server, options = {}) {
    const context = await browser.newContext({ baseURL: server.url, locale: 'sv-SE', ...options });
    context.setDefaultTimeout(8000);
    if (options.javaScriptEnabled === false) noScriptContexts.add(context);
    return context;
}
const noScriptContexts = new WeakSet();

// Logs in through the form and waits for the start page.
export async function login(page, username, password = PASSWORD) {
    await page.goto('/logga-in');
    await page.getByLabel('Användarnamn').fill(username);
    await page.getByLabel('Lösenord', { exact: true }).fill(password);
    await Promise.all([page.waitForURL(/\/start$/), page.getByRole('button', { name: 'Logga in' }).click()]);
}

// Opens an insats from the start page by its card link.
export async function openInsats(page, name) {
    await page.goto('/start');
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
}

// Clicks a submit button and waits for the resulting navigation (works with and
// without JavaScript; the app is plain server-rendered forms).
export async function submit(page, buttonName = 'Spara') {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: buttonName, exact: true }).click()]);
}

// Asserts that the last save succeeded: the participant page with the notice
// "Uppgifterna är sparade". On failure the message quotes the error summary, if any.
export async function expectSaved(page) {
    const notice = page.getByRole('status').filter({ hasText: 'Uppgifterna är sparade' });
    if (await notice.count() === 1) return;
    const summary = await page.locator('.error-summary').allTextContents();
    assert.fail(`expected "Uppgifterna är sparade" on ${page.url()}; error summary: ${summary.join(' ').replace(/\s+/g, ' ')}`);
}

const axeSource = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
let axeText = null;
function axeScript() {
    axeText ??= readFileSync(axeSource, 'utf8');
    return axeText;
}

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and fails with a
// readable list of violations.
export async function checkA11y(page, label = '') {
    if (noScriptContexts.has(page.context())) return checkA11yOfCopy(page, label);
    // axe is evaluated through Playwright (the DevTools protocol) rather than added as a
    // <script>: that works under the app's strict CSP without bypassing it, and also in a
    // context with javaScriptEnabled: false, where page.addScriptTag waits forever.
    if (!await page.evaluate(() => typeof window.axe !== 'undefined')) await page.evaluate(axeScript());
    const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    const where = label || page.url();
    const lines = result.violations.map((v) =>
        `  ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`).join('\n'));
    assert.equal(result.violations.length, 0, `axe violations on ${where}:\n${lines.join('\n')}`);
}

// axe needs timers, which never fire in a page with JavaScript turned off. So check a copy:
// the same HTML served at the same URL (so the stylesheet loads) in a scripted context.
async function checkA11yOfCopy(page, label) {
    const url = page.url();
    const html = await page.content();
    const context = await page.context().browser().newContext({ locale: 'sv-SE' });
    try {
        const copy = await context.newPage();
        await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
        await copy.goto(url);
        await checkA11y(copy, `${label || url} (a copy rendered with JavaScript, for axe)`);
    } finally {
        await context.close();
    }
}

// Today's date as YYYY-MM-DD in local time, and a date `days` before it.
export function isoDate(daysAgo = 0) {
    const d = new Date();
    d.setDate(d.getDate() - daysAgo);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// A participant code that is unique per run.
export function uniqueCode(prefix = 'E2E') {
    return `${prefix}-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1000)}`;
}

// The value of a row in the participant page's summary list (<dt>label</dt><dd>value</dd>).
export async function summaryValue(page, label) {
    const row = page.locator('.summary-row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
    return (await row.locator('dd').textContent()).trim();
}
