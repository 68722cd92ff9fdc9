// Journey: an administrator turns on two-factor log-in from "Mitt konto" (QR code, secret,
// first code, recovery codes), logs out, and logs in again with password and a TOTP code
// computed here as an authenticator app would (RFC 6238, HMAC-SHA-1, 30 s, 6 digits).
// axe-core checks every page of the way.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PASSWORD, checkA11y, launchBrowser, login, newContext, startServer, submit } from './support.mjs';

function base32Decode(text) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = 0;
    let value = 0;
    const out = [];
    for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
        const idx = alphabet.indexOf(c);
        assert.ok(idx >= 0, `not base32: ${c}`);
        value = (value << 5) | idx;
        bits += 5;
        if (bits >= 8) {
            out.push((value >>> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    return Buffer.from(out);
}

// The code an authenticator app shows `offset` steps from now.
function totp(secret, offset = 0) {
    const step = Math.floor(Date.now() / 1000 / 30) + offset;
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const mac = createHmac('sha1', secret).update(counter).digest();
    const at = mac[mac.length - 1] & 0x0f;
    const binary = ((mac[at] & 0x7f) << 24) | (mac[at + 1] << 16) | (mac[at + 2] << 8) | mac[at + 3];
    return String(binary % 1000000).padStart(6, '0');
}

describe('two-factor log-in', () => {
    let server;
    let browser;
    let page;

    before(async () => {
        server = await startServer();
        browser = await launchBrowser();
        page = await (await newContext(browser, server)).newPage();
    });
    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('enrols an authenticator app and logs in with its code', async () => {
        await login(page, 'kansli');
        await page.getByRole('link', { name: 'Mitt konto' }).click();
        await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
        await checkA11y(page, 'Mitt konto');

        await page.getByRole('link', { name: 'Tvåfaktorsinloggning' }).click();
        await checkA11y(page, 'two-factor page, off');
        await submit(page, 'Aktivera tvåfaktorsinloggning');
        await page.getByRole('img', { name: 'QR-kod att skanna med autentiseringsappen' }).waitFor();
        const secret = base32Decode(await page.locator('#hemlig-nyckel').textContent());
        assert.equal(secret.length, 20);
        await checkA11y(page, 'enrolment with QR code');

        // A wrong code first: the error summary links to the field.
        await page.getByLabel('Kod från appen').fill('000000');
        await submit(page, 'Aktivera');
        assert.deepEqual((await page.locator('.error-summary a').allTextContents()).map((t) => t.trim()),
            ['Koden stämmer inte. Skriv de sex siffror appen visar nu.']);
        await checkA11y(page, 'enrolment with a wrong code');

        // The code of the previous step, so that the log-in below has a step of its own.
        await page.getByLabel('Kod från appen').fill(totp(secret, -1));
        await submit(page, 'Aktivera');
        await page.getByRole('heading', { level: 1, name: 'Dina reservkoder' }).waitFor();
        assert.equal(await page.locator('#reservkoder li').count(), 10);
        await checkA11y(page, 'recovery codes');
        await page.getByRole('link', { name: 'Jag har sparat koderna' }).click();

        await submit(page, 'Logga ut');
        await page.getByLabel('Användarnamn').fill('kansli');
        await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
        await Promise.all([page.waitForURL(/\/logga-in\/kod$/), page.getByRole('button', { name: 'Logga in' }).click()]);
        await checkA11y(page, 'code step of log-in');
        await page.getByLabel('Kod', { exact: true }).fill(totp(secret));
        await Promise.all([page.waitForURL(/\/start$/), page.getByRole('button', { name: 'Logga in' }).click()]);

        await page.goto('/konto/tvafaktor');
        assert.match(await page.getByRole('status').first().textContent(), /Tvåfaktorsinloggning är på/);
        await checkA11y(page, 'two-factor page, on');
    });
});
