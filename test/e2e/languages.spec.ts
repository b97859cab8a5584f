import { expect, test } from '@playwright/test';

test.describe('in a Spanish browser', () => {
	test.use({ locale: 'es-ES' });

	test('the app follows the browser language, can be switched, and remembers the choice', async ({ page }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');

		await page.getByLabel('Idioma').selectOption('pl');
		await expect(page.getByRole('heading', { name: 'Zaloguj się' })).toBeVisible();
		await page.reload();
		await expect(page.getByRole('heading', { name: 'Zaloguj się' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	});
});
