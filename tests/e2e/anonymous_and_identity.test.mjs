// Journeys around who sees what: an anonymous registration; a registration with identity
// by the controller's registrar, found by a POST search; the same insats seen by a
// registrar of another organisation (no identities, no search) and by the förbund's
// administrator (no participant list at all), whose admin pages are checked too.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
    INSATS, checkA11y, expectSaved, isoDate, launchBrowser, login, newContext, openInsats, startServer, submit,
    summaryValue, uniqueCode,
} from './support.mjs';

// Skatteverket test personnummer (tests/../reference/testpersonnummer.csv) that the demo
// data does not use (src/services/demo_personnummer.cpp), so a registration here creates
// a new person instead of linking one of the demo's.
const PNR = '19820903-2385';  // a woman: the second last digit is even
const PNR_DIGITS = PNR.replace('-', '');
const NAME = 'E2E Testsson';

describe('anonymous registration and identities', () => {
    let server;
    let browser;

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('registers an anonymous participation with intake answers', async () => {
        const page = await (await newContext(browser, server)).newPage();
        await login(page, 'registrator.stad');
        await openInsats(page, INSATS.aktivitetsplatsen);
        await page.getByRole('link', { name: 'Registrera anonymt' }).click();
        await page.getByRole('heading', { level: 1, name: 'Registrera anonymt deltagande' }).waitFor();
        await checkA11y(page, 'anonymous registration form');
        // No identity fields at all.
        assert.equal(await page.getByLabel('Deltagarkod').count(), 0);
        assert.equal(await page.getByLabel(/Personnummer/).count(), 0);

        // 32 or 33 years old at the start whatever the date: age group 30-39.
        await page.getByLabel('Födelseår').fill(String(new Date().getFullYear() - 33));
        await page.getByRole('radio', { name: 'Man' }).check();
        await page.getByLabel('Anmälningsdatum').fill(isoDate(30));
        await page.getByLabel('Anmälande part').selectOption({ label: 'Stockholms stad › Järva stadsdelsförvaltning' });
        await page.getByLabel('Startdatum').fill(isoDate(20));
        await page.getByLabel('Folkbokföringskommun').selectOption('0180');
        await page.getByLabel('Utbildning').selectOption({ label: 'Förgymnasial utbildning' });
        await page.getByLabel('Tid utan arbete eller studier').selectOption({ label: 'Kortare än 1 år' });
        const support = page.getByRole('group', { name: 'Försörjning vid start' });
        await support.getByRole('checkbox', { name: 'Aktivitetsstöd (inkl. utvecklingsersättning)' }).check();
        await support.getByLabel('Omfattning i procent för Aktivitetsstöd (inkl. utvecklingsersättning) (valfritt)').fill('50');
        await page.getByLabel('Sysselsättning vid start').selectOption({ label: 'Aktivt arbetssökande' });
        await page.getByRole('group', { name: 'Målgrupp (valfritt)' }).getByRole('checkbox', { name: 'Unga 16–29 år' }).check();
        await submit(page);

        await expectSaved(page);
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Anonym deltagare');
        assert.equal(await summaryValue(page, 'Identitet'), 'Anonym');
        assert.equal(await summaryValue(page, 'Status'), 'Pågående');
        assert.equal(await summaryValue(page, 'Åldersgrupp vid start'), '30-39');
        assert.equal(await summaryValue(page, 'Försörjning vid start'), 'Aktivitetsstöd (inkl. utvecklingsersättning) (50 %)');
        await checkA11y(page, 'anonymous participant page');
        await page.context().close();
    });

    it('registers with identity and finds it by personnummer without putting it in the URL', async () => {
        const page = await (await newContext(browser, server)).newPage();
        await login(page, 'registrator.region');
        await openInsats(page, INSATS.ipsBeroende);
        await checkA11y(page, 'insats with identity, controller registrar');
        const totalBefore = await page.getByRole('heading', { name: /^Deltagare/ }).textContent();

        // The same personnummer twice: the second registration links the same person.
        for (const daysAgo of [40, 3]) {
            await page.getByRole('link', { name: 'Registrera ny anmälan' }).click();
            await page.getByRole('heading', { level: 1, name: 'Registrera ny anmälan' }).waitFor();
            if (daysAgo === 40) await checkA11y(page, 'registration form with identity');
            assert.equal(await page.getByLabel('Deltagarkod').count(), 0, 'no participant code with identity');
            await page.getByLabel('Personnummer eller samordningsnummer').fill(PNR);
            await page.getByLabel('Namn (valfritt)').fill(NAME);
            await page.getByLabel('Datum för samtycke').fill(isoDate(daysAgo));
            await page.getByLabel('Samtyckesblankett (valfritt)').fill('Skriftligt v1, svenska');
            await page.getByLabel('Anmälningsdatum').fill(isoDate(daysAgo));
            await page.getByLabel('Anmälande part').selectOption({ label: 'Region Stockholm › Beroendecentrum Stockholm' });
            await submit(page);
            await expectSaved(page);
            assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `${NAME}, ${PNR}`);
            assert.equal(await summaryValue(page, 'Personnummer'), PNR);
            assert.equal(await summaryValue(page, 'Namn'), NAME);
            // Gender left empty: the legal gender from the personnummer.
            assert.equal(await summaryValue(page, 'Kön'), 'Kvinna');
            assert.equal(await summaryValue(page, 'Födelseår'), '1982');
            await page.getByRole('link', { name: INSATS.ipsBeroende }).click();
        }
        assert.notEqual(await page.getByRole('heading', { name: /^Deltagare/ }).textContent(), totalBefore);

        const search = page.getByRole('search');
        assert.equal(await search.getAttribute('method'), 'post');
        await search.getByLabel('Sök på namn eller personnummer').fill(PNR_DIGITS);
        await submit(page, 'Sök');
        assert.ok(!page.url().includes(PNR_DIGITS) && !page.url().includes(PNR), `no personnummer in ${page.url()}`);
        await page.getByRole('heading', { name: 'Deltagare (2 st som matchar sökningen)' }).waitFor();
        const people = await page.getByRole('table').locator('tbody tr td:first-child').allTextContents();
        assert.deepEqual(people.map((t) => t.trim()), [`${NAME}, ${PNR}`, `${NAME}, ${PNR}`]);
        await checkA11y(page, 'search result with identities');

        // Search by name too.
        await page.getByRole('search').getByLabel('Sök på namn eller personnummer').fill('e2e testsson');
        await submit(page, 'Sök');
        await page.getByRole('heading', { name: 'Deltagare (2 st som matchar sökningen)' }).waitFor();
        await page.context().close();
    });

    it('shows no identities and no search to a registrar outside the controller', async () => {
        const page = await (await newContext(browser, server)).newPage();
        await login(page, 'registrator.stad');
        await openInsats(page, INSATS.ipsBeroende);
        await checkA11y(page, 'insats with identity, other organisation\'s registrar');
        assert.equal(await page.getByRole('search').count(), 0, 'no search form');
        assert.equal(await page.getByLabel(/Sök/).count(), 0, 'no search field');
        const main = await page.locator('main').innerText();
        assert.ok(!main.includes(PNR) && !main.includes(NAME), 'our participant is not shown by identity');
        assert.doesNotMatch(main, /\d{8}-\d{4}/, 'no personnummer on the page');
        assert.doesNotMatch(main, /Testsson|Provsson|Demoholm|Exempelsson/, 'no demo names on the page');
        const html = await page.content();
        assert.ok(!html.includes(PNR_DIGITS) && !html.includes(PNR), 'no personnummer in the HTML');

        // The participant page says the identity is hidden.
        await page.getByRole('table').locator('tbody tr').first().getByRole('link').click();
        assert.match(await summaryValue(page, 'Identitet'), /^Dold/);
        assert.doesNotMatch(await page.locator('main').innerText(), /\d{8}-\d{4}/);
        await checkA11y(page, 'participant page with hidden identity');
        // The edit form has no identity fields.
        await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
        assert.equal(await page.getByLabel(/Personnummer/).count(), 0);
        assert.equal(await page.getByLabel('Namn (valfritt)').count(), 0);
        await page.context().close();
    });

    it('gives the administrator accessible admin pages but no participant list', async () => {
        const page = await (await newContext(browser, server)).newPage();
        await login(page, 'kansli');
        await checkA11y(page, 'start page, kansli');

        await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organisationer' }).click();
        await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
        await checkA11y(page, 'organisations');
        const unit = uniqueCode('E2E-enhet');
        await page.getByLabel('Namn').fill(unit);
        await page.getByLabel('Ligger under (för enheter)').selectOption({ label: 'Stockholms stad' });
        await submit(page);
        await page.getByRole('status').filter({ hasText: 'Organisationen är sparad.' }).waitFor();
        await page.getByRole('cell', { name: `Stockholms stad › ${unit}`, exact: true }).waitFor();
        await checkA11y(page, 'organisations after saving');

        await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Insatser' }).click();
        await page.getByRole('heading', { level: 1, name: 'Insatser' }).waitFor();
        await checkA11y(page, 'insatser');
        await page.getByRole('link', { name: 'Ny insats' }).click();
        await checkA11y(page, 'new insats form');
        // First without a name: refused with a message.
        await page.getByLabel('Personuppgiftsansvarig organisation').selectOption({ label: 'Stockholms stad' });
        await submit(page);
        const summary = page.locator('.error-summary');
        assert.deepEqual((await summary.getByRole('link').allTextContents()).map((t) => t.trim()), ['Ange insatsens namn.']);
        assert.equal(await summary.getByRole('link').getAttribute('href'), '#f-name');
        assert.equal(await page.getByLabel('Namn').getAttribute('aria-invalid'), 'true');
        assert.equal(await page.getByLabel('Personuppgiftsansvarig organisation').inputValue(), '4', 'choice kept');
        await checkA11y(page, 'new insats form with an error');
        const insats = uniqueCode('E2E-insats');
        await page.getByLabel('Namn').fill(insats);
        await submit(page);
        await page.getByRole('status').filter({ hasText: 'Insatsen är sparad.' }).waitFor();
        await page.getByRole('row').filter({ hasText: insats }).getByRole('cell', { name: 'Stockholms stad' }).waitFor();

        await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Användare' }).click();
        await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
        await checkA11y(page, 'users');

        // The participant list of an insats is for its registrars only.
        await openInsats(page, INSATS.ipsBeroende);
        await page.getByText('Du ser inte enskilda deltagare.').waitFor();
        assert.equal(await page.getByRole('table').count(), 0, 'no participant table');
        assert.equal(await page.getByRole('link', { name: 'Registrera ny anmälan' }).count(), 0);
        assert.doesNotMatch(await page.content(), /\d{8}-\d{4}/);
        await checkA11y(page, 'insats page, kansli');
        await openInsats(page, INSATS.finsam);
        assert.equal(await page.getByRole('table').count(), 0, 'no participant table in an insats without identity');
        await page.context().close();
    });
});
