// Journey: the follow-up report (Uppföljning) and Explore (Utforska) on the demo data.
// Reached through the navigation and the choice forms, never by typed URLs; checked with
// axe-core, with and without suppression, without JavaScript, and printed on A4: at the
// printable width nothing sticks out, and Chromium's PDF has A4 pages.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { INSATS, checkA11y, launchBrowser, login, newContext, startServer, submit } from './support.mjs';

const lastYear = String(new Date().getFullYear() - 1);

// A4 (210 mm) less the 12 mm side margins of app.css's @page, at 96 px per inch.
const A4_PRINTABLE_WIDTH = Math.round(((210 - 2 * 12) / 25.4) * 96);

// Follows a link in the main navigation and waits for the page.
async function navigate(page, label) {
    await Promise.all([
        page.waitForNavigation(),
        page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: label, exact: true }).click(),
    ]);
}

// Chooses insats and period in the follow-up form and submits it.
async function showFollowUp(page, insats, period) {
    await page.getByLabel('Insats', { exact: true }).selectOption({ label: insats });
    await page.getByLabel('Period', { exact: true }).selectOption({ label: period });
    await submit(page, 'Visa uppföljningen');
    assert.match(page.url(), new RegExp(`[?&]period=${lastYear}(&|$)`), 'the choice is in the URL');
}

// The overview's total of started participations; a number, also when suppression is on.
async function startedTotal(page) {
    const row = page.locator('#oversikt tbody tr').filter({ has: page.locator('th', { hasText: /^Påbörjade, totalt$/ }) });
    assert.equal(await row.count(), 1, 'the overview has a row "Påbörjade, totalt"');
    const text = (await row.locator('td').first().textContent()).trim();
    assert.match(text, /^\d[\d\s\u00a0\u202f]*$/, `"Påbörjade, totalt" is a number, got "${text}"`);
    return Number(text.replace(/\D/g, ''));
}

// Every chart is an inline SVG with role="img" and a non-empty accessible name from its
// <title>; each stands beside a table holding its numbers.
async function checkCharts(page) {
    const charts = await page.locator('.chart svg').evaluateAll((svgs) => svgs.map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
        const named = ids.map((id) => document.getElementById(id)?.textContent.trim() || '').join(' ').trim();
        return {
            role: svg.getAttribute('role'),
            title: svg.querySelector(':scope > title')?.textContent.trim() || '',
            name: named || svg.getAttribute('aria-label') || '',
            table: Boolean(svg.closest('.report-block')?.querySelector('table')),
        };
    }));
    assert.ok(charts.length > 0, 'the report has charts');
    for (const [idx, chart] of charts.entries()) {
        assert.equal(chart.role, 'img', `chart ${idx} has role="img"`);
        assert.ok(chart.title, `chart ${idx} has a <title>`);
        assert.ok(chart.name.includes(chart.title), `chart ${idx} is named by its title: ${JSON.stringify(chart)}`);
        assert.ok(chart.table, `chart ${idx} has a table beside it`);
    }
    return charts.length;
}

// In print (the caller emulates print media at A4's printable width) nothing sticks out
// to the right: no table, chart or other element, and no horizontal scrolling. The
// navigation and the choice forms are not printed. Returns counts of tables and charts.
async function checkFitsPrintedWidth(page, label) {
    const layout = await page.evaluate(() => {
        const width = window.innerWidth;
        const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` +
            `${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
        const wide = [...document.querySelectorAll('main *')]
            .filter((el) => el.getClientRects().length > 0 && el.closest('.visually-hidden') === null)
            .map((el) => ({ el: name(el), right: Math.round(el.getBoundingClientRect().right) }))
            .filter((box) => box.right > width + 1);
        // Text drawn outside its table cell (e.g. a turned column header taller than allowed).
        // Text for screen readers only (.visually-hidden, clipped to nothing) is not drawn.
        const spilled = [...document.querySelectorAll('main th, main td')].filter((cell) => {
            const box = cell.getBoundingClientRect();
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                if (node.parentElement.closest('.visually-hidden')) continue;
                const range = document.createRange();
                range.selectNodeContents(node);
                const text = range.getBoundingClientRect();
                if (text.width > 0 && (text.top < box.top - 1 || text.bottom > box.bottom + 1 ||
                    text.left < box.left - 1 || text.right > box.right + 1)) return true;
            }
            return false;
        }).map((cell) => cell.textContent.trim()).slice(0, 10);
        const shown = (selector) => [...document.querySelectorAll(selector)]
            .filter((el) => getComputedStyle(el).display !== 'none').length;
        return {
            width,
            scrollWidth: document.documentElement.scrollWidth,
            tables: document.querySelectorAll('main table').length,
            charts: document.querySelectorAll('main svg').length,
            printedControls: shown('.site-header') + shown('main form'),
            wide: wide.slice(0, 10),
            spilled,
        };
    });
    assert.ok(layout.tables > 0, `${label}: a table is printed`);
    assert.equal(layout.printedControls, 0, `${label}: navigation and forms are not printed`);
    assert.deepEqual(layout.wide, [], `${label}: elements wider than the printable ${layout.width} px of A4`);
    assert.deepEqual(layout.spilled, [], `${label}: cells whose text is drawn outside them`);
    assert.ok(layout.scrollWidth <= layout.width, `${label}: page ${layout.scrollWidth} px wide, A4 prints ${layout.width}`);
    return layout;
}

// The rendered text of a table, one line per row, cells separated by " | ".
async function tableText(page, id) {
    return page.locator(`table#${id}`).evaluate((table) => [...table.rows]
        .map((row) => [...row.cells].map((cell) => cell.textContent.trim()).join(' | ')).join('\n'));
}

// Clicks a download link and returns the file's bytes and suggested name.
async function download(page, linkName) {
    const link = page.getByRole('link', { name: linkName, exact: true });
    // Asked once first, so that a broken link fails with its status, not a timeout.
    const href = await link.getAttribute('href');
    const answer = await page.request.get(href);
    assert.equal(answer.status(), 200, `the link "${linkName}" (${href}) answers ${answer.status()}`);
    const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const failure = await file.failure();
    assert.equal(failure, null, `download "${linkName}" failed: ${failure}`);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

describe('reports', () => {
    let server;
    let browser;

    // A page in a context of its own, logged in as `username`.
    async function pageAs(username, options = {}) {
        const context = await newContext(browser, server, { acceptDownloads: true, ...options });
        const page = await context.newPage();
        await login(page, username);
        return page;
    }

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('shows the follow-up of all insatser for a year, suppressed, to the analyst', async () => {
        const page = await pageAs('analytiker');
        await navigate(page, 'Uppföljning');
        await page.getByRole('heading', { level: 1, name: /^Uppföljning/ }).waitFor();
        await showFollowUp(page, 'Alla insatser', `Helåret ${lastYear}`);

        await page.getByRole('heading', { level: 1, name: 'Uppföljning: Alla insatser' }).waitFor();
        assert.ok((await page.locator('.lead').textContent()).includes(`${lastYear}-01-01 – ${lastYear}-12-31`),
            'the lead gives the whole year');
        await page.getByText('Små tal är dolda', { exact: false }).first().waitFor();
        assert.ok(await startedTotal(page) > 0, 'someone started last year in the demo');
        for (const id of ['profil-education', 'avslut-arbete-studier', 'utveckling-antal']) {
            assert.equal(await page.locator(`table#${id}`).count(), 1, `table #${id} is shown`);
        }
        await checkCharts(page);
        await checkA11y(page, 'follow-up, all insatser, analytiker');
    });

    it('shows one insats without suppression to its registrar', async () => {
        const page = await pageAs('registrator.stad');
        await navigate(page, 'Uppföljning');
        await showFollowUp(page, INSATS.finsam, `Helåret ${lastYear}`);

        await page.getByRole('heading', { level: 1, name: `Uppföljning: ${INSATS.finsam}` }).waitFor();
        await page.getByText('utan döljning', { exact: false }).waitFor();
        assert.equal(await page.locator('.hidden-value').count(), 0, 'no hidden values without suppression');
        assert.ok(await startedTotal(page) > 0);
        await checkCharts(page);
        await checkA11y(page, `follow-up, ${INSATS.finsam}, registrator.stad`);
    });

    it('offers the follow-up as XLSX, CSV and JSON downloads', async () => {
        const page = await pageAs('analytiker');
        await navigate(page, 'Uppföljning');
        await showFollowUp(page, 'Alla insatser', `Helåret ${lastYear}`);
        for (const [name, start] of [['Excel (XLSX)', 'PK'], ['CSV', '\ufeff'], ['JSON', '{']]) {
            const file = await download(page, name);
            assert.match(file.name, new RegExp(`^uppfoljning-${lastYear}\\.`), `${name}: file name`);
            assert.ok(file.bytes.toString(name === 'Excel (XLSX)' ? 'latin1' : 'utf8').startsWith(start), `${name}: content`);
        }
    });

    it('prints the follow-up and a wide Explore table on A4 without anything sticking out', async () => {
        const page = await pageAs('analytiker');
        await navigate(page, 'Uppföljning');
        await showFollowUp(page, 'Alla insatser', `Helåret ${lastYear}`);
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: A4_PRINTABLE_WIDTH, height: 1000 });
        const printed = await checkFitsPrintedWidth(page, 'follow-up');
        assert.ok(printed.tables > 5 && printed.charts > 5, `tables and charts are printed: ${JSON.stringify(printed)}`);

        const pdf = await page.pdf({ format: 'A4', printBackground: false });
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        assert.ok(pdf.length > 20000, `a real report, not an empty page: ${pdf.length} bytes`);
        const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
        assert.ok(boxes.length > 1, 'the report takes more than one page');
        // A4 is 595.3×841.9 pt; Chromium 156 writes 595.92×842.88.
        for (const [, w, h] of boxes) {
            assert.ok(Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2, `A4 page (595×842 pt), got ${w}×${h}`);
        }

        // Explore's widest table: 13 kinds of support as columns.
        await page.goto(`/utforska?measure=started&dim1=gender&dim2=support_at_start&period=${lastYear}`);
        await checkFitsPrintedWidth(page, 'explore by support');
    });

    it('explores a measure by two dimensions with a filter, shares the link and downloads it', async () => {
        const page = await pageAs('analytiker');
        await navigate(page, 'Utforska');
        await page.getByRole('heading', { level: 1, name: 'Utforska' }).waitFor();
        await page.getByLabel('Mått').selectOption({ label: 'Påbörjade' });
        await page.getByLabel('Indelning (rader)').selectOption({ label: 'Kön' });
        await page.getByLabel('Andra indelning (kolumner)').selectOption({ label: 'Insats' });
        await page.getByLabel('Period', { exact: true }).selectOption({ label: `Helåret ${lastYear}` });
        await page.getByLabel('Åldersgrupp vid start').selectOption('30-39');
        await submit(page, 'Visa');

        const params = new URL(page.url()).searchParams;
        for (const [name, value] of Object.entries({
            measure: 'started', dim1: 'gender', dim2: 'insats', period: lastYear, age_group: '30-39',
        })) {
            assert.equal(params.get(name), value, `the URL holds ${name}=${value}: ${page.url()}`);
        }
        const table = page.locator('table#utforska');
        await table.waitFor();
        const text = await tableText(page, 'utforska');
        assert.match(text, /^Kvinna \|/m, 'rows by gender');
        assert.match(text.split('\n')[0], new RegExp(`^Kön \\| .*${INSATS.finsam}`), 'columns by insats');
        await checkA11y(page, 'explore, started by gender and insats');

        // The address is the whole choice: opened in a new session it shows the same table.
        const shared = await pageAs('analytiker');
        await shared.goto(page.url());
        assert.equal(await tableText(shared, 'utforska'), text, 'the shared link shows the same table');

        const csv = await download(page, 'CSV');
        assert.match(csv.name, /\.csv$/);
        assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with the UTF-8 BOM');
        assert.ok(csv.bytes.toString('utf8').includes(';'), 'CSV is ;-separated');
        const xlsx = await download(page, 'Excel (XLSX)');
        assert.match(xlsx.name, /\.xlsx$/);
        assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'XLSX is a zip file');
        assert.ok(xlsx.bytes.length > 2000, `XLSX has content: ${xlsx.bytes.length} bytes`);
    });

    it('explains a choice of the same dimension twice beside the field', async () => {
        const page = await pageAs('analytiker');
        await navigate(page, 'Utforska');
        await page.getByLabel('Indelning (rader)').selectOption({ label: 'Kön' });
        await page.getByLabel('Andra indelning (kolumner)').selectOption({ label: 'Kön' });
        await submit(page, 'Visa');

        const summary = page.locator('.error-summary');
        assert.equal(await summary.getAttribute('role'), 'alert');
        const link = summary.getByRole('link', { name: 'Välj två olika indelningar.' });
        assert.equal(await link.getAttribute('href'), '#f-dim2');
        const field = page.getByLabel('Andra indelning (kolumner)');
        assert.equal(await field.getAttribute('aria-invalid'), 'true');
        assert.equal(await field.getAttribute('aria-describedby'), 'f-dim2-error');
        assert.match(await page.locator('#f-dim2-error').textContent(), /Välj två olika indelningar\./);
        assert.equal(await page.locator('table#utforska').count(), 0, 'no result with an error');
        await link.click();
        assert.equal(await page.evaluate(() => document.activeElement.id), 'f-dim2', 'the link focuses the field');
        await checkA11y(page, 'explore with the same dimension twice');
    });

    it('shows the follow-up without JavaScript', async () => {
        const page = await pageAs('styrelse', { javaScriptEnabled: false });
        await navigate(page, 'Uppföljning');
        await showFollowUp(page, INSATS.novum, `Helåret ${lastYear}`);
        await page.getByRole('heading', { level: 1, name: `Uppföljning: ${INSATS.novum}` }).waitFor();
        await startedTotal(page);
        assert.ok(await page.locator('.chart svg').count() > 0, 'charts need no script');
        await checkA11y(page, 'follow-up without JavaScript');
    });
});
