import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';

const port = Number(process.env.E2E_PORT ?? 8799);

export default defineConfig({
	testDir: './e2e',
	timeout: 90_000, // multi-device flows with sign-ins take 20–40 s on an idle machine; headroom for a busy one
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 1, // one server and one database: specs share the demo seed and each registers its own serials
	retries: 0,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
	use: {
		baseURL: `http://localhost:${port}`,
		...devices['Pixel 7'],
		viewport: { width: 360, height: 740 },
		browserName: 'chromium',
		serviceWorkers: 'allow',
		// The action log, console and network of a failed test, without DOM snapshots: recording those for every action
		// of every test took about a sixth of the suite's CPU on 2 cores, though only a failure keeps its trace.
		trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: findChromium() ?? undefined,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
		}
	},
	webServer: {
		command: 'tsx e2e/serve.ts',
		url: `http://localhost:${port}/api/health`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: { PORT: String(port) },
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
