// Journey: goals (förväntat resultat, issue 3 item 4). The administrator reaches an
// insats's goals from the admin list of insatser and creates a share goal through the form
// without JavaScript (choosing the dimension's values with the form's second button); the
// follow-up of the goals is read with and without suppression. Every page passes axe-core.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INSATS, checkA11y, launchBrowser, login, newContext, startServer, submit } from './support.mjs';

const thisYear = String(new Date().getFullYear());

describe('goals', () => {
    let server;
    let browser;

    async function pageAs(username, options = {}) {
        const context = await newContext(browser, server, options);
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

    it('the administrator creates a share goal through the form without JavaScript', async () => {
        const page = await pageAs('kansli', { javaScriptEnabled: false });
        await page.goto('/admin/insatser');
        await Promise.all([
            page.waitForNavigation(),
            page.getByRole('link', { name: `Mål för ${INSATS.aktivitetsplatsen}`, exact: true }).click(),
        ]);
        await page.getByRole('heading', { level: 1, name: `Mål för ${INSATS.aktivitetsplatsen} ${thisYear}` }).waitFor();
        await checkA11y(page, 'the goals of an insats');

        await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nytt mål', exact: true }).click()]);
        await checkA11y(page, 'the new goal form');

        // Nothing chosen: the error summary names the fields.
        await submit(page, 'Spara målet');
        const summary = page.locator('.error-summary');
        assert.equal(await summary.count(), 1, 'an error summary');
        assert.match(await summary.textContent(), /Ange målvärdet/);
        await checkA11y(page, 'the new goal form with errors');

        await page.getByLabel(/^Andel, till exempel/).check();
        await page.getByLabel('Beskrivning (valfri för antal och andelar)').fill('Fler män börjar (e2e)');
        await page.getByLabel('Vad räknas', { exact: true }).selectOption({ label: 'Påbörjade' });
        await page.getByLabel('Avgränsning', { exact: true }).selectOption({ label: 'Kön' });
        await submit(page, 'Visa värden för vald avgränsning');
        assert.equal(await page.locator('.error-summary').count(), 0, 'showing the values is no error');
        assert.equal(await page.getByLabel('Beskrivning (valfri för antal och andelar)').inputValue(),
            'Fler män börjar (e2e)', 'what was typed is kept');
        await page.getByRole('group', { name: 'Värden för Kön' }).getByLabel('Man', { exact: true }).check();
        await page.getByLabel('Minst', { exact: true }).check();
        await page.getByLabel('Målvärde', { exact: true }).fill('35');
        await checkA11y(page, 'the goal form with the values of a dimension');
        await submit(page, 'Spara målet');

        await page.getByRole('status').filter({ hasText: 'Målet är sparat.' }).waitFor();
        const row = page.locator('tbody tr').filter({ hasText: 'Fler män börjar (e2e)' });
        assert.equal(await row.count(), 1, 'the new goal is listed');
        assert.match(await row.textContent(), /minst 35 %/);

        await Promise.all([
            page.waitForNavigation(),
            page.getByRole('link', { name: `Se uppföljningen av målen för ${thisYear}`, exact: true }).click(),
        ]);
        const goalRow = page.locator('.goal-table tbody tr').filter({ hasText: 'Fler män börjar (e2e)' });
        assert.equal(await goalRow.count(), 1, 'the follow-up shows the new goal');
        assert.match(await goalRow.locator('.goal-status').textContent(), /^(I fas|Efter plan|För få för att bedöma)$/);
        await checkA11y(page, 'the follow-up of the goals (administrator)');
        await page.context().close();
    });

    it('the follow-up shows the demo goals, with and without suppression', async () => {
        for (const username of ['analytiker', 'registrator.stad']) {
            const page = await pageAs(username);
            await page.goto('/start');
            const href = await page.getByRole('link', { name: INSATS.finsam, exact: true }).getAttribute('href');
            await page.goto(`${href}/mal?ar=${thisYear}`);
            await page.getByRole('heading', { level: 2, name: 'Mål (förväntat resultat)' }).waitFor();
            const statuses = await page.locator('.goal-table .goal-status').allTextContents();
            assert.ok(statuses.length >= 2, `${username}: the measurable demo goals are listed`);
            const unmeasurable = page.getByRole('list', { name: 'Mål som inte kan mätas ur registrerade uppgifter' });
            assert.match(await unmeasurable.textContent(), /90 % anser att de fått rätt stöd/);
            await checkA11y(page, `the follow-up of the goals (${username})`);
            await page.context().close();
        }
    });
});
