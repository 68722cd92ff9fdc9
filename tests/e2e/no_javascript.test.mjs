// Journey: with JavaScript turned off the whole app still works (server-rendered forms,
// no script needed): log in, register a referral, correct an error, record decision,
// start and exit, and log out.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    INSATS, checkA11y, expectSaved, isoDate, launchBrowser, login, newContext, openInsats, startServer, submit,
    summaryValue, uniqueCode,
} from './support.mjs';

describe('without JavaScript', () => {
    let server;
    let browser;
    let page;

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
        page = await (await newContext(browser, server, { javaScriptEnabled: false })).newPage();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('logs in, registers, starts and ends a participation, and logs out', async () => {
        await login(page, 'registrator.stad');
        await openInsats(page, INSATS.novum);
        const code = uniqueCode('E2E-NOJS');

        await page.getByRole('link', { name: 'Registrera ny anmälan' }).click();
        await page.getByLabel('Födelseår').fill('1979');
        await page.getByRole('radio', { name: 'Man' }).check();
        await page.getByLabel('Anmälningsdatum').fill(isoDate(45));
        await page.getByLabel('Anmälande part').selectOption({ label: 'Arbetsförmedlingen' });
        // First without a participant code: the error round trip needs no script either.
        await submit(page);
        assert.deepEqual((await page.locator('.error-summary a').allTextContents()).map((t) => t.trim()),
            ['Ange deltagarkod.']);
        await checkA11y(page, 'error state without JavaScript');
        assert.equal(await page.getByLabel('Födelseår').inputValue(), '1979');
        await page.getByLabel('Deltagarkod').fill(code);
        await submit(page);
        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Status'), 'Anmäld');

        await page.getByRole('link', { name: 'Registrera beslut' }).click();
        await page.getByRole('radio', { name: 'Beviljad' }).check();
        await page.getByLabel('Beslutsdatum').fill(isoDate(40));
        await submit(page);
        await expectSaved(page);

        await page.getByRole('link', { name: 'Registrera start' }).click();
        await page.getByLabel('Startdatum').fill(isoDate(35));
        await page.getByLabel('Saknar kommun').selectOption({ label: 'Hemlös (saknar fast adress)' });
        await page.getByLabel('Utbildning').selectOption({ label: 'Okänd' });
        await page.getByLabel('Tid utan arbete eller studier').selectOption({ label: '5 år eller längre' });
        await page.getByRole('group', { name: 'Försörjning vid start' })
            .getByRole('checkbox', { name: 'Försörjningsstöd', exact: true }).check();
        await page.getByLabel('Sysselsättning vid start').selectOption({ label: 'Övrigt' });
        await submit(page);
        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Status'), 'Pågående');
        assert.equal(await summaryValue(page, 'Boende'), 'Hemlös (saknar fast adress)');

        await page.getByRole('link', { name: 'Registrera avslut' }).click();
        await page.getByLabel('Slutdatum').fill(isoDate(1));
        await page.getByLabel('Avslutsorsak').selectOption({ label: 'Studier' });
        await page.getByLabel('Sysselsättning efter (valfritt)').selectOption({ label: 'Studier' });
        await submit(page);
        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Status'), 'Avslutad');
        assert.equal(await summaryValue(page, 'Avslutsorsak'), 'Studier');
        await checkA11y(page, 'participant page without JavaScript');

        // The list (a GET filter form) and the search (a POST form) work too.
        await page.getByRole('link', { name: INSATS.novum }).click();
        await page.getByLabel('Status').selectOption({ label: 'Avslutad' });
        await submit(page, 'Filtrera');
        assert.match(page.url(), /status=AVSLUTAD/);
        await page.getByLabel('Sök deltagarkod').fill(code);
        await submit(page, 'Sök');
        await page.getByRole('link', { name: code }).waitFor();

        await submit(page, 'Logga ut');
        await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
        await page.goto('/start');
        assert.match(page.url(), /\/logga-in/, 'the session has ended');
    });
});
