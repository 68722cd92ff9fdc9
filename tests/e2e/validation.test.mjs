// Journey: forms submitted with errors follow the GOV.UK pattern. The error summary
// comes first, under the heading, and links to each field (following a link moves focus
// to the field); the message stands beside the field, which is marked invalid and keeps
// what the user typed; nothing is saved. The error states are checked with axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    INSATS, checkA11y, isoDate, launchBrowser, login, newContext, openInsats, startServer, submit, summaryValue,
    uniqueCode,
} from './support.mjs';

// Checks the error summary and each field's message, and follows every summary link.
// `expected` is [{field: 'birth_year', message: '...'}] in page order.
async function checkErrors(page, expected) {
    const summary = page.locator('.error-summary');
    assert.equal(await summary.count(), 1, 'one error summary');
    assert.equal(await summary.getAttribute('role'), 'alert');
    // At the top: the first thing in <main> after the breadcrumb and the heading, before the form.
    const order = await page.evaluate(() => {
        const main = document.querySelector('main');
        const kids = [...main.querySelectorAll(':scope > *, :scope > div > *')];
        const at = (sel) => kids.indexOf(main.querySelector(sel));
        return { h1: at('h1'), summary: at('.error-summary'), form: at('form:not(.logout)') };
    });
    assert.ok(order.h1 < order.summary && order.summary < order.form, `summary between heading and form: ${JSON.stringify(order)}`);
    assert.equal((await summary.getByRole('heading').textContent()).trim(), 'Det finns fel i formuläret');

    const links = summary.getByRole('link');
    assert.deepEqual(
        (await links.evaluateAll((els) => els.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })))),
        expected.map((e) => ({ href: `#f-${e.field}`, text: e.message })));

    for (const [idx, e] of expected.entries()) {
        const id = `f-${e.field}`;
        // Beside the field: the message inside the field's block, referenced by aria-describedby.
        const block = page.locator('.field--error').filter({ has: page.locator(`[id="${id}"]`) });
        assert.equal(await block.count(), 1, `field block of ${id} is marked as an error`);
        const message = (await block.locator('.field-error').textContent()).replace(/\s+/g, ' ').trim();
        assert.ok(message.includes(e.message), `"${e.message}" beside ${id}, got "${message}"`);
        const described = await page.evaluate((fieldId) => {
            const input = document.getElementById(fieldId);
            const owner = input.type === 'radio' || input.type === 'checkbox' ? input.closest('fieldset') : input;
            return owner.getAttribute('aria-describedby') || '';
        }, id);
        assert.ok(described.split(' ').some((ref) => ref.endsWith('-error')), `${id} is described by its error`);

        await links.nth(idx).click();
        assert.ok(page.url().endsWith(`#${id}`), `link goes to #${id}`);
        assert.equal(await page.evaluate(() => document.activeElement.id), id, `following the link focuses ${id}`);
    }
}

describe('validation errors', () => {
    let server;
    let browser;
    let page;

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
        page = await (await newContext(browser, server)).newPage();
        await login(page, 'registrator.stad');
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('refuses an invalid birth year and saves nothing', async () => {
        const code = uniqueCode('E2E-FEL');
        await page.goto('/start');
        await page.getByRole('link', { name: `Registrera ny anmälan i ${INSATS.finsam}` }).click();
        await page.getByLabel('Deltagarkod').fill(code);
        await page.getByLabel('Födelseår').fill('19x8');
        await page.getByRole('radio', { name: 'Man' }).check();
        await page.getByLabel('Anmälningsdatum').fill(isoDate(10));
        await page.getByLabel('Anmälande part').selectOption({ label: 'Egenanmälan' });
        await submit(page);

        assert.match(page.url(), /\/insatser\/\d+\/ny$/, 'the form is shown again');
        await checkErrors(page, [{ field: 'birth_year', message: 'Ange födelseår med fyra siffror, till exempel 1985.' }]);
        assert.equal(await page.getByLabel('Födelseår').getAttribute('aria-invalid'), 'true');
        // What the user typed is kept, so it can be corrected.
        assert.equal(await page.getByLabel('Födelseår').inputValue(), '19x8');
        assert.equal(await page.getByLabel('Deltagarkod').inputValue(), code);
        assert.equal(await page.getByLabel('Anmälande part').inputValue(), 'EGENANMALAN');
        assert.ok(await page.getByRole('radio', { name: 'Man' }).isChecked());
        await checkA11y(page, 'new referral with an invalid birth year');

        await openInsats(page, INSATS.finsam);
        await page.getByLabel('Sök deltagarkod').fill(code);
        await submit(page, 'Sök');
        await page.getByText('Inga deltaganden matchar urvalet.').waitFor();
    });

    it('refuses an exit before the start and without a reason, and saves nothing', async () => {
        await openInsats(page, INSATS.finsam);
        await page.getByLabel('Status').selectOption({ label: 'Pågående' });
        await submit(page, 'Filtrera');
        await page.getByRole('table').locator('tbody tr').first().getByRole('link').click();
        await page.getByRole('heading', { level: 2, name: 'Uppgifter' }).waitFor();
        const participantUrl = page.url();
        assert.equal(await summaryValue(page, 'Status'), 'Pågående');
        const start = await summaryValue(page, 'Startdatum');
        const historyBefore = await page.locator('ol.history > li').count();

        await page.getByRole('link', { name: 'Registrera avslut' }).click();
        const dayBefore = new Date(`${start}T12:00:00`);
        dayBefore.setDate(dayBefore.getDate() - 1);
        await page.getByLabel('Slutdatum').fill(dayBefore.toISOString().slice(0, 10));
        await page.getByLabel('Sysselsättning efter (valfritt)').selectOption({ label: 'Studier' });
        await submit(page);

        await checkErrors(page, [
            { field: 'end_date', message: 'Slutdatum kan inte vara före startdatum.' },
            { field: 'exit_reason', message: 'Välj avslutsorsak.' },
        ]);
        assert.equal(await page.getByLabel('Slutdatum').inputValue(), dayBefore.toISOString().slice(0, 10));
        assert.equal(await page.getByLabel('Sysselsättning efter (valfritt)').inputValue(), 'STUDIER');
        await checkA11y(page, 'exit form with errors');

        await page.goto(participantUrl);
        assert.equal(await summaryValue(page, 'Status'), 'Pågående');
        assert.equal(await summaryValue(page, 'Slutdatum'), '–');
        assert.equal(await summaryValue(page, 'Sysselsättning efter'), '–');
        assert.equal(await page.locator('ol.history > li').count(), historyBefore, 'no new history entry');
    });

    it('refuses a percent that is not a number, beside its checkbox group', async () => {
        await openInsats(page, INSATS.aktivitetsplatsen);
        await page.getByRole('link', { name: 'Registrera anonymt' }).click();
        await page.getByLabel('Födelseår').fill('1990');
        await page.getByRole('radio', { name: 'Annat' }).check();
        await page.getByLabel('Anmälningsdatum').fill(isoDate(20));
        await page.getByLabel('Anmälande part').selectOption({ label: 'Egenanmälan' });
        await page.getByLabel('Startdatum').fill(isoDate(15));
        const support = page.getByRole('group', { name: 'Försörjning vid start' });
        await support.getByRole('checkbox', { name: 'Lön', exact: true }).check();
        await support.getByLabel('Omfattning i procent för Lön (valfritt)').fill('halvtid');
        await submit(page);

        await checkErrors(page, [
            { field: 'support_at_start_extent_LON', message: 'Omfattningen för Lön ska vara ett heltal 1–100.' },
        ]);
        const percent = support.getByLabel('Omfattning i procent för Lön (valfritt)');
        assert.equal(await percent.inputValue(), 'halvtid');
        assert.equal(await percent.getAttribute('aria-invalid'), 'true');
        assert.ok(await support.getByRole('checkbox', { name: 'Lön', exact: true }).isChecked());
        await checkA11y(page, 'anonymous form with an invalid percent');
    });
});
