/**
 * The device side, in Chromium against the built PWA that process a serves:
 * - the first sync of an account with 10,000 licenses: from pressing "Sign in" until all of them are in IndexedDB,
 *   once the service worker has installed, and also while it is still installing (a form filled by a driver);
 * - the local operation: "Get a key" confirmed offline — the enqueue itself (outbox + meta write, its User Timing
 *   measure `keyfield:enqueue`) and the UI updated (from the click until the wizard says "Queued").
 */
import { chromium, type Page } from '@playwright/test';
import { findChromium } from '../scripts/chromium.mjs';
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo-seed.ts';
import type { BenchServer } from './server.ts';
import { summarise } from './stats.ts';
import { freshSerials, registration } from './workspace.ts';

/**
 * `afterInstall`: press "Sign in" only once the service worker has installed (precached the app). A person typing an
 * email and a password takes longer than that, while a driver fills the form within milliseconds of the page load,
 * and the precache's downloads and Cache Storage writes would then share the CPU with the sync being measured.
 */
async function signIn(page: Page, email: string, { afterInstall = false } = {}): Promise<number> {
	await page.goto('/');
	if (afterInstall) await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	const start = await page.evaluate<number>('performance.now()');
	await page.getByRole('button', { name: 'Sign in' }).click();
	return start;
}

/**
 * Resolves (in the page's clock) when the device's licenses store holds `count` rows. The in-page code is a string:
 * tsx compiles functions with a `__name` helper that does not exist inside the page.
 */
function licensesStored(page: Page, count: number): Promise<number> {
	return page.evaluate(`(async (count) => {
		const stored = () => new Promise((resolve) => {
			const open = indexedDB.open('keyfield');
			open.onsuccess = () => {
				const db = open.result;
				if (!db.objectStoreNames.contains('licenses')) { db.close(); return resolve(0); }
				const req = db.transaction('licenses').objectStore('licenses').count();
				req.onsuccess = () => { db.close(); resolve(req.result); };
			};
			open.onerror = () => resolve(0);
		});
		for (;;) {
			if ((await stored()) >= count) return performance.now();
			await new Promise((r) => setTimeout(r, 20));
		}
	})(${count})`);
}

/** Clicks "Confirm" from inside the page and resolves with the ms until "Queued" is on screen (the app's time, not
 * the driver's round trips). */
const confirmAndWaitForQueued = `new Promise((resolve) => {
	const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Confirm');
	const start = performance.now();
	const observer = new MutationObserver(() => {
		if (!/Queued/.test(document.body.textContent)) return;
		observer.disconnect();
		resolve(performance.now() - start);
	});
	observer.observe(document.body, { childList: true, subtree: true, characterData: true });
	button.click();
})`;

async function launch(server: BenchServer) {
	const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ['--no-sandbox', '--disable-gpu'] });
	const context = await browser.newContext({ baseURL: server.a.url, viewport: { width: 360, height: 740 } });
	return { browser, context, page: await context.newPage() };
}

/** `duringInstall`: sign in right after the page loads, while the service worker is still precaching the app. */
export async function benchFirstSync(server: BenchServer, email: string, licenses: number, runs: number, { duringInstall = false } = {}) {
	const samples: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const { browser, page } = await launch(server);
		try {
			const start = await signIn(page, email, { afterInstall: !duringInstall });
			const done = await licensesStored(page, licenses);
			if (run > 0) samples.push(done - start);
		} finally {
			await browser.close();
		}
	}
	return summarise(samples);
}

export async function benchLocalOperation(server: BenchServer, ws: { accountId: string; email: string }, samples: number) {
	const serials = await freshSerials(server, ws.accountId, samples + 1);
	const { browser, context, page } = await launch(server);
	const uiTimes: number[] = [];
	try {
		await signIn(page, ws.email);
		await page.getByTestId('sync-status').filter({ hasText: '0 pending' }).waitFor();
		// Offline only once the service worker controls the page (it serves the route chunks from then on).
		await page.evaluate(`navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller ||
			new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })))`);
		await context.setOffline(true);
		for (let i = 0; i <= samples; i++) {
			if (i === 0) await page.getByRole('link', { name: 'Get a key' }).first().click();
			else await page.getByRole('button', { name: 'Get another key' }).click();
			await page.getByLabel('Serial number').fill(serials[i]!);
			await page.getByRole('button', { name: 'Continue' }).click();
			await page.getByLabel('Company').fill(registration.company);
			await page.getByLabel('Contact name').fill(registration.contactName);
			await page.getByLabel('Email').fill(registration.email);
			await page.getByLabel('Country').selectOption(registration.country);
			await page.getByRole('button', { name: 'Continue' }).click();
			await page.getByRole('button', { name: 'Confirm' }).waitFor();
			const ms = await page.evaluate<number>(confirmAndWaitForQueued);
			if (i > 0) uiTimes.push(ms);
		}
		const enqueueTimes = await page.evaluate<number[]>(`performance.getEntriesByName('keyfield:enqueue').map((e) => e.duration)`);
		return { enqueue: summarise(enqueueTimes.slice(1)), ui: summarise(uiTimes) };
	} finally {
		await browser.close();
	}
}
