// Journey: exports (issue 4, item 6). Reached through the main navigation; the page passes
// axe-core; the national return's year form works without JavaScript and downloads XLSX
// or CSV; a registrar downloads the association export; a reader has no menu entry.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { checkA11y, launchBrowser, login, newContext, startServer } from './support.mjs';

const lastYear = String(new Date().getFullYear() - 1);

describe('export', () => {
    let server;
    let browser;

    async function pageAs(username, options = {}) {
        const context = await newContext(browser, server, { acceptDownloads: true, ...options });
        const page = await context.newPage();
        await login(page, username);
        return page;
    }

    async function openExportPage(page) {
        await Promise.all([
            page.waitForURL(/\/export$/),
            page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Export', exact: true }).click(),
        ]);
        await page.getByRole('heading', { level: 1, name: 'Export' }).waitFor();
    }

    // Clicks and returns the download's suggested name and text.
    async function download(page, click) {
        const [file] = await Promise.all([page.waitForEvent('download'), click()]);
        return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
    }

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('an analyst downloads the national return without JavaScript', async () => {
        const page = await pageAs('analytiker', { javaScriptEnabled: false });
        await openExportPage(page);
        await checkA11y(page, 'the export page of an analyst');
        assert.equal(await page.getByRole('link', { name: 'Ladda ner Excel (XLSX)' }).count(), 0,
            'no participant export for an analyst');
        await page.getByLabel('År', { exact: true }).fill(lastYear);
        const csv = await download(page, () => page.getByRole('button', { name: 'Ladda ner CSV' }).click());
        assert.equal(csv.name, `uppfoljning-finsam-${lastYear}.csv`);
        assert.match(csv.text, /^\uFEFFInsats;Inriktning;Målgrupp;/);
        assert.match(csv.text, /\r\nSamtliga insatser;/);
        const xlsx = await download(page, () => page.getByRole('button', { name: 'Ladda ner Excel (XLSX)' }).click());
        assert.equal(xlsx.name, `uppfoljning-finsam-${lastYear}.xlsx`);
    });

    it('a registrar downloads the association export', async () => {
        const page = await pageAs('registrator.region');
        await openExportPage(page);
        await checkA11y(page, 'the export page of a registrar');
        const xlsx = await download(page, () => page.getByRole('link', { name: 'Ladda ner Excel (XLSX)' }).click());
        assert.match(xlsx.name, /^foljsam-export-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const csv = await download(page, () => page.getByRole('link', { name: 'Ladda ner CSV' }).click());
        assert.match(csv.name, /-deltagare\.csv$/);
        assert.match(csv.text, /^\uFEFFInsats;Rad-id;Deltagarkod;Personnummer;Namn;/);
    });

    it('a reader has nothing to export and no menu entry', async () => {
        const page = await pageAs('styrelse');
        const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
        assert.equal(await menu.getByRole('link', { name: 'Export', exact: true }).count(), 0);
        await page.goto('/export');
        await page.getByText('Du har ingen export att ta ut.').waitFor();
        await checkA11y(page, 'the export page of a reader');
    });
});
