/**
 * axe-core on the page as it is now: violations of serious or critical impact, as readable lines.
 * axe is injected once per document (an SPA keeps it across client-side navigations) and runs in one evaluate,
 * keeping only violations: @axe-core/playwright re-injected its 500 KB script and ran in two passes on every call,
 * 2–4 s each on a 2-core CI machine, for the same result.
 */
import axe from 'axe-core';
import type { Page } from '@playwright/test';

declare global {
	interface Window {
		axe?: typeof axe;
	}
}

export async function seriousViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const { violations } = await window.axe!.run(document, { resultTypes: ['violations'] });
		return violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	});
}
