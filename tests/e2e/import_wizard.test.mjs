// Journey: a registrar imports participants from a spreadsheet made by LibreOffice at test
// time (issue 4, item 4). From the start page to the upload, the column mapping, the
// unknown values (mapped in the UI), the preview with its error summary, the import and
// its result, the participant list showing the imported codes, and undo. axe-core checks
// every page of the wizard. Once more without JavaScript, with a CSV file.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { INSATS, checkA11y, launchBrowser, login, newContext, startServer, submit, uniqueCode } from './support.mjs';

const HEADER = 'Insats;Deltagarkod;Kön;Födelseår;Anmälande part;Folkbokföringskommun;Stadsdel;Utbildning;' +
    'Tid utan arbete;Försörjning;Målgrupp;Anmälningsdatum;Startdatum';

// A started row of Novum (an insats without identity, where registrator.stad registers).
function row(code, { gender = 'Kvinna', education = 'Gymnasial utbildning', start = '2025-02-03' } = {}) {
    return ['Novum', code, gender, '1995', 'Stockholms stad', 'Stockholm', 'Järva', education, '1-2 år',
        'Försörjningsstöd', 'Unga', '2025-01-10', start].join(';');
}

// Converts `csv` to xlsx with LibreOffice (';'-separated, UTF-8), as a user's spreadsheet
// would be saved; returns the xlsx path. Each call gets its own LibreOffice profile, so
// parallel test files do not share one.
function libreOfficeXlsx(dir, name, csv) {
    const csvPath = path.join(dir, `${name}.csv`);
    writeFileSync(csvPath, csv);
    const profile = mkdtempSync(path.join(tmpdir(), 'lo-foljsam-e2e-'));
    try {
        execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'xlsx',
            '--infilter=CSV:59,34,76,1', '--outdir', dir, csvPath], { stdio: 'pipe', timeout: 120000 });
    } finally {
        rmSync(profile, { recursive: true, force: true });
    }
    const xlsx = path.join(dir, `${name}.xlsx`);
    assert.ok(existsSync(xlsx), `LibreOffice made no ${xlsx}`);
    return xlsx;
}

// Waits for the import's result; a large file would show the refreshing progress page first.
async function waitForResult(page) {
    await page.getByRole('heading', { level: 1, name: /^(Importen är klar|Ingenting importerades|Importen blev inte av)$/ })
        .waitFor({ timeout: 30000 });
    return (await page.getByRole('heading', { level: 1 }).textContent()).trim();
}

// The number beside a label of the counts list.
async function count(page, label) {
    const row = page.locator('.summary-row').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
    return (await row.locator('dd').textContent()).trim();
}

// Searches the participant list of the open insats for a participant code.
async function findInList(page, code) {
    await page.getByLabel('Sök deltagarkod').fill(code);
    await submit(page, 'Sök');
    return page.getByRole('link', { name: code, exact: true }).count();
}

describe('import wizard', () => {
    let server;
    let browser;
    let page;
    let dir;

    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'foljsam-e2e-import-'));
        server = await startServer();
        browser = await launchBrowser();
        page = await (await newContext(browser, server)).newPage();
        await login(page, 'registrator.stad');
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('imports a LibreOffice spreadsheet with unknown values mapped in the UI, and undoes it', async () => {
        const base = uniqueCode('E2E-IMP');
        const codes = [`${base}-1`, `${base}-2`];
        const csv = [HEADER,
            row(codes[0], { gender: 'Dam', education: 'Högskolan' }),
            row(codes[1], { gender: 'Man', education: 'Högskolan' }),
            row(`${base}-3`, { start: '2025-02-30' }),  // no such date: rejected
        ].join('\n') + '\n';
        const xlsx = libreOfficeXlsx(dir, 'deltagare-e2e', csv);

        await page.goto('/start');
        await page.getByRole('link', { name: `Importera från fil till ${INSATS.novum}` }).click();
        await page.getByRole('heading', { level: 1, name: 'Importera deltagare' }).waitFor();
        await checkA11y(page, 'import start page');
        assert.equal(await page.getByLabel('Insats för rader som inte anger insats (valfritt)')
            .locator('option:checked').textContent(), INSATS.novum, 'the insats of the start page is chosen');

        await page.getByLabel('Fil att importera').setInputFiles(xlsx);
        await submit(page, 'Ladda upp och fortsätt');
        await page.getByRole('heading', { level: 1, name: 'Välj kolumner' }).waitFor();
        await checkA11y(page, 'mapping step');
        assert.equal(await page.getByLabel('Kolumn C: ”Kön”').locator('option:checked').textContent(), 'Kön');
        assert.equal(await page.getByLabel('Kolumn H: ”Utbildning”').locator('option:checked').textContent(),
            'Utbildning');
        await submit(page, 'Fortsätt');

        await page.getByRole('heading', { level: 1, name: 'Okända värden' }).waitFor();
        await checkA11y(page, 'unknown values step');
        await page.getByLabel('Kön: ”Dam”').selectOption({ label: 'Kvinna' });
        await page.getByLabel('Utbildning: ”Högskolan”')
            .selectOption({ label: 'Eftergymnasial utbildning 3 år eller längre' });
        await submit(page, 'Fortsätt');

        await page.getByRole('heading', { level: 1, name: 'Granska importen' }).waitFor();
        await checkA11y(page, 'preview with errors');
        assert.equal(await count(page, 'Nya deltaganden'), '2');
        assert.equal(await count(page, 'Avvisade rader'), '1');
        const summary = page.locator('.error-summary');
        assert.match(await summary.textContent(), /Rad 4, Startdatum/);
        // The summary links to the row of the error table.
        await summary.getByRole('link', { name: /Rad 4, Startdatum/ }).click();
        assert.match(page.url(), /#fel-1$/);
        const download = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('link', { name: 'Ladda ner raderna med fel som Excel-fil' }).click(),
        ]).then(([d]) => d);
        assert.equal(download.suggestedFilename(), 'fel-deltagare-e2e.xlsx');

        await page.getByRole('radio', { name: /^Bara felfria rader/ }).check();
        await submit(page, 'Importera');
        assert.equal(await waitForResult(page), 'Importen är klar');
        await checkA11y(page, 'import result');
        assert.equal(await count(page, 'Nya deltaganden'), '2');
        assert.equal(await count(page, 'Avvisade rader'), '1');

        await page.getByRole('link', { name: `Deltagare i ${INSATS.novum}` }).click();
        await page.getByRole('heading', { level: 1, name: INSATS.novum }).waitFor();
        // The last search leaves the first code in the list, to open it.
        for (const code of [...codes].reverse()) {
            assert.equal(await findInList(page, code), 1, `${code} is in the participant list`);
        }
        await page.getByRole('link', { name: codes[0], exact: true }).click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        const gender = page.locator('.summary-row').filter({ has: page.locator('dt', { hasText: /^Kön$/ }) });
        assert.equal((await gender.locator('dd').textContent()).trim(), 'Kvinna', '"Dam" was mapped to Kvinna');

        await page.goto('/import');
        await page.getByRole('button', { name: /^Ångra importen av deltagare-e2e\.xlsx/ }).click();
        await page.getByRole('status').filter({ hasText: 'Importen är ångrad: 2 deltaganden togs bort' }).waitFor();
        await checkA11y(page, 'after undo');
        await page.goto('/start');
        await page.getByRole('link', { name: INSATS.novum, exact: true }).click();
        assert.equal(await findInList(page, codes[0]), 0, 'undo removed the imported participant');
    });
});

describe('import wizard without JavaScript', () => {
    let server;
    let browser;
    let page;
    let dir;

    before(async () => {
        dir = mkdtempSync(path.join(tmpdir(), 'foljsam-e2e-import-nojs-'));
        server = await startServer();
        browser = await launchBrowser();
        page = await (await newContext(browser, server, { javaScriptEnabled: false })).newPage();
        await login(page, 'registrator.stad');
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('uploads a CSV file, maps a value and imports it', async () => {
        const code = uniqueCode('E2E-IMP-NOJS');
        const csvPath = path.join(dir, 'deltagare.csv');
        writeFileSync(csvPath, `${HEADER}\n${row(code, { gender: 'Dam' })}\n`);

        await page.goto('/import');
        await page.getByLabel('Fil att importera').setInputFiles(csvPath);
        await submit(page, 'Ladda upp och fortsätt');
        await page.getByRole('heading', { level: 1, name: 'Välj kolumner' }).waitFor();
        await submit(page, 'Fortsätt');
        await page.getByLabel('Kön: ”Dam”').selectOption({ label: 'Kvinna' });
        await checkA11y(page, 'unknown values without JavaScript');
        await submit(page, 'Fortsätt');
        assert.equal(await count(page, 'Nya deltaganden'), '1');
        await submit(page, 'Importera');
        assert.equal(await waitForResult(page), 'Importen är klar');
        await checkA11y(page, 'result without JavaScript');
        await page.getByRole('link', { name: `Deltagare i ${INSATS.novum}` }).click();
        assert.equal(await findInList(page, code), 1);
    });
});
