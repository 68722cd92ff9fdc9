// Journey: a registrar records one participation from referral to exit in an insats
// without identity, finds it in the list, edits it and reads its history. Every page on
// the way is checked with axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    INSATS, checkA11y, expectSaved, isoDate, launchBrowser, login, newContext, openInsats, startServer, submit, summaryValue,
    uniqueCode,
} from './support.mjs';

describe('registration journey (FINSAM-team, without identity)', () => {
    let server;
    let browser;
    let page;
    const code = uniqueCode('E2E');
    let participantUrl;

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
        page = await (await newContext(browser, server)).newPage();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('logs in and shows the start page with the registrar\'s insatser', async () => {
        await login(page, 'registrator.stad');
        await checkA11y(page, 'start page');
        for (const name of [INSATS.finsam, INSATS.aktivitetsplatsen, INSATS.novum]) {
            assert.ok(await page.getByRole('link', { name, exact: true }).isVisible(), `${name} on the start page`);
        }
    });

    it('opens the insats and registers a new referral', async () => {
        await openInsats(page, INSATS.finsam);
        await checkA11y(page, 'insats page');
        await page.getByRole('link', { name: 'Registrera ny anmälan' }).click();
        await page.getByRole('heading', { level: 1, name: 'Registrera ny anmälan' }).waitFor();
        await checkA11y(page, 'new referral form');
        assert.equal(await page.locator('.error-summary').count(), 0, 'no error summary before submitting');

        await page.getByLabel('Deltagarkod').fill(code);
        await page.getByLabel('Födelseår').fill('1988');
        await page.getByRole('radio', { name: 'Kvinna' }).check();
        await page.getByLabel('Anmälningsdatum').fill(isoDate(60));
        await page.getByLabel('Anmälande part').selectOption({ label: 'Stockholms stad › Jobbtorg Stockholm' });
        await submit(page);

        assert.match(page.url(), /\/deltagare\/\d+\?sparat=1$/);
        participantUrl = page.url().replace(/\?.*$/, '');
        await expectSaved(page);
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), code);
        assert.equal(await summaryValue(page, 'Status'), 'Anmäld');
        assert.equal(await summaryValue(page, 'Födelseår'), '1988');
        await checkA11y(page, 'participant page after registration');
    });

    it('records the decision', async () => {
        await page.getByRole('link', { name: 'Registrera beslut' }).click();
        await page.getByRole('heading', { level: 1, name: 'Registrera beslut' }).waitFor();
        await checkA11y(page, 'decision form');
        await page.getByRole('radio', { name: 'Beviljad' }).check();
        await page.getByLabel('Beslutsdatum').fill(isoDate(50));
        await submit(page);
        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Beslut'), 'Beviljad');
        assert.equal(await summaryValue(page, 'Beslutsdatum'), isoDate(50));
    });

    it('records the start with the intake answers', async () => {
        await page.getByRole('link', { name: 'Registrera start' }).click();
        await page.getByRole('heading', { level: 1, name: 'Registrera start' }).waitFor();
        await checkA11y(page, 'start form');
        await page.getByLabel('Startdatum').fill(isoDate(40));
        await page.getByLabel('Folkbokföringskommun').selectOption('0180');
        await page.getByLabel('Stadsdel (valfritt)').selectOption('JARVA');
        await page.getByLabel('Utbildning').selectOption({ label: 'Gymnasial utbildning' });
        await page.getByLabel('Tid utan arbete eller studier').selectOption({ label: '2 till 5 år' });
        const support = page.getByRole('group', { name: 'Försörjning vid start' });
        await support.getByRole('checkbox', { name: 'Försörjningsstöd', exact: true }).check();
        await support.getByLabel('Omfattning i procent för Försörjningsstöd (valfritt)').fill('100');
        await support.getByRole('checkbox', { name: 'Sjukpenning', exact: true }).check();
        await page.getByLabel('Sysselsättning vid start').selectOption({ label: 'Aktivt arbetssökande' });
        await page.getByRole('group', { name: 'Målgrupp (valfritt)' })
            .getByRole('checkbox', { name: 'Vuxna 30–64 år' }).check();
        await submit(page);

        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Status'), 'Pågående');
        assert.equal(await summaryValue(page, 'Startdatum'), isoDate(40));
        assert.equal(await summaryValue(page, 'Boende'), 'Stockholm, Järva');
        assert.equal(await summaryValue(page, 'Utbildning'), 'Gymnasial utbildning');
        assert.equal(await summaryValue(page, 'Försörjning vid start'), 'Försörjningsstöd (100 %), Sjukpenning');
        assert.equal(await summaryValue(page, 'Målgrupp'), 'Vuxna 30–64 år');
        await checkA11y(page, 'participant page while ongoing');
    });

    it('records the exit', async () => {
        await page.getByRole('link', { name: 'Registrera avslut' }).click();
        await page.getByRole('heading', { level: 1, name: 'Registrera avslut' }).waitFor();
        await checkA11y(page, 'exit form');
        await page.getByLabel('Slutdatum').fill(isoDate(5));
        await page.getByLabel('Avslutsorsak').selectOption({ label: 'Arbete' });
        await page.getByLabel('Sysselsättning efter (valfritt)').selectOption({ label: 'Förvärvsarbete, osubventionerat' });
        await submit(page);

        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Status'), 'Avslutad');
        assert.equal(await summaryValue(page, 'Avslutsorsak'), 'Arbete');
        assert.equal(await summaryValue(page, 'Sysselsättning efter'), 'Förvärvsarbete, osubventionerat');
        assert.equal(await page.getByRole('link', { name: 'Registrera avslut' }).count(), 0);
    });

    it('edits the education with "Ändra uppgifter"', async () => {
        await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
        await page.getByRole('heading', { level: 1, name: 'Ändra deltagande' }).waitFor();
        await checkA11y(page, 'edit form');
        // The edit form shows what was registered.
        assert.equal(await page.getByLabel('Deltagarkod').inputValue(), code);
        assert.equal(await page.getByLabel('Utbildning').inputValue(), 'GYMN');
        await page.getByLabel('Utbildning').selectOption({ label: 'Eftergymnasial utbildning kortare än 3 år' });
        await submit(page);
        await expectSaved(page);
        assert.equal(await summaryValue(page, 'Utbildning'), 'Eftergymnasial utbildning kortare än 3 år');
        // Nothing else changed.
        assert.equal(await summaryValue(page, 'Avslutsorsak'), 'Arbete');
        assert.equal(await summaryValue(page, 'Försörjning vid start'), 'Försörjningsstöd (100 %), Sjukpenning');
    });

    it('lists every change in the history', async () => {
        const history = page.locator('ol.history > li');
        // Registration, decision, start, exit, edit.
        assert.equal(await history.count(), 5);
        const texts = (await history.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
        const all = texts.join('\n');
        assert.equal(texts.filter((t) => t.includes('Registrerad')).length, 1, all);
        assert.equal(texts.filter((t) => t.includes('Ändrad')).length, 4, all);
        assert.ok(texts.every((t) => t.includes('registrator.stad')), all);
        assert.match(all, /Beviljad/);
        assert.match(all, /Arbete/);
        assert.match(all, /Gymnasial utbildning → Eftergymnasial utbildning kortare än 3 år/);
        // The registration lists values without a "before" (and without an arrow), and
        // organisations by name, not by id.
        const registered = texts.find((t) => t.includes('Registrerad'));
        assert.ok(!registered.includes('→'), registered);
        assert.match(registered, /Anmälande organisation: Stockholms stad › Jobbtorg Stockholm/);
        assert.match(registered, /Födelseår: 1988/);
        await checkA11y(page, 'participant page with history');
    });

    it('finds the participation by searching its code in the list', async () => {
        await page.getByRole('link', { name: INSATS.finsam }).click();
        await page.getByRole('heading', { level: 1, name: INSATS.finsam }).waitFor();
        await page.getByLabel('Sök deltagarkod').fill(code);
        await submit(page, 'Sök');
        assert.ok(!page.url().includes(code), 'the search text is not in the URL');
        await page.getByRole('heading', { name: /Deltagare \(1 st som matchar sökningen\)/ }).waitFor();
        const rows = page.getByRole('table').locator('tbody tr');
        assert.equal(await rows.count(), 1);
        const cells = (await rows.first().locator('td').allTextContents()).map((t) => t.trim());
        assert.deepEqual(cells, [code, 'Kvinna', '1988', 'Avslutad', isoDate(60), isoDate(40), isoDate(5), 'Arbete']);
        await checkA11y(page, 'insats page with search result');
        await rows.first().getByRole('link', { name: code }).click();
        await page.waitForURL(participantUrl);
    });
});
