// `pnpm test`: every suite in one go — type check, unit and integration tests of each package, then the
// Playwright end-to-end suite against a production build. Ends with one "N passed, N failed" line.
// DATABASE_URL selects real Postgres for the server suites and e2e; without it they run on embedded PGlite.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './scripts/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(join(tmpdir(), 'keyfield-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

/** Busy and total CPU ticks of the machine so far (Linux), to tell a step that idles a core from one that cannot. */
function cpuTicks() {
	if (!existsSync('/proc/stat')) return null;
	const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
	const total = fields.reduce((a, b) => a + b, 0);
	return { busy: total - fields[3] - fields[4], total }; // idle and iowait are the 4th and 5th
}

function run(label, cmd, args, env = {}) {
	console.log(`\n━━ ${label}`);
	const started = Date.now();
	const before = cpuTicks();
	const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	const after = cpuTicks();
	const busy = before && after ? `, CPU ${Math.round((100 * (after.busy - before.busy)) / (after.total - before.total))} % busy` : '';
	console.log(`━━ ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s${busy}`);
	if (result.status !== 0) failedSteps.push(label);
	return result.status === 0;
}

function countVitest(file) {
	if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
	const r = JSON.parse(readFileSync(file, 'utf8'));
	return { passed: r.numPassedTests, failed: r.numFailedTests + (r.success ? 0 : r.numFailedTestSuites), skipped: r.numPendingTests + r.numTodoTests };
}

function countPlaywright(file) {
	if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
	const s = JSON.parse(readFileSync(file, 'utf8')).stats;
	return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

function add(counts) {
	for (const k of Object.keys(totals)) totals[k] += counts[k];
}

const chromium = ensureChromium();
console.log(`Postgres: ${process.env.DATABASE_URL ? 'real (DATABASE_URL)' : 'embedded PGlite (set DATABASE_URL for real Postgres)'}`);

add(run('type check (every package)', 'pnpm', ['-r', 'check']) ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });

const suites = [
	['shared', 'shared: unit'],
	['sync-server', 'sync-server: unit and integration'],
	['web', 'web: unit (fake-indexeddb)'],
	['test', 'web sync engine against the real server']
];
for (const [pkg, label] of suites) {
	const out = join(reports, `${pkg}.json`);
	run(label, 'pnpm', ['--filter', `@keyfield/${pkg}`, 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);
	add(countVitest(out));
}

/**
 * `.ci/run` also wants the server suite on embedded PGlite (KEYFIELD_TEST_PGLITE=1). It runs beside the build and the
 * browser tests, at the lowest CPU priority, taking the cycles they leave idle (the build's single-threaded parts, a
 * test waiting on a round trip); every step before them keeps both cores busy on its own.
 */
function besideAtLowPriority(label, cmd, args, env) {
	const log = join(reports, `${label.replace(/\W+/g, '-')}.log`);
	const output = openSync(log, 'w');
	const started = Date.now();
	const child = spawn('nice', ['-n', '19', cmd, ...args], { cwd: root, stdio: ['ignore', output, output], env });
	return new Promise((resolve) => child.on('exit', (code) => resolve({ label, code, log, seconds: (Date.now() - started) / 1000 })));
}
let pglite = null;
const pgliteReport = join(reports, 'sync-server-pglite.json');
if (process.env.KEYFIELD_TEST_PGLITE === '1') {
	const { DATABASE_URL: _postgres, ...env } = process.env;
	const args = ['--filter', '@keyfield/sync-server', 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${pgliteReport}`];
	pglite = besideAtLowPriority('sync-server: unit and integration on embedded PGlite', 'pnpm', args, env);
}

if (run('web: production build', 'pnpm', ['--filter', '@keyfield/web', 'build'])) {
	const out = join(reports, 'e2e.json');
	run('end-to-end (Playwright, Chromium)', 'pnpm', ['--filter', '@keyfield/test', 'e2e'], {
		CHROMIUM_PATH: chromium,
		PLAYWRIGHT_JSON_OUTPUT_NAME: out
	});
	add(countPlaywright(out));
} else add({ passed: 0, failed: 1, skipped: 0 });

if (pglite) {
	const { label, code, log, seconds } = await pglite;
	console.log(`\n━━ ${label} (ran beside the build and the browser tests)`);
	console.log(readFileSync(log, 'utf8'));
	console.log(`━━ ${label}: ${code === 0 ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s`);
	if (code !== 0) failedSteps.push(label);
	add(countVitest(pgliteReport));
}

if (process.env.KEYFIELD_TEST_SUMMARY) writeFileSync(process.env.KEYFIELD_TEST_SUMMARY, JSON.stringify(totals));
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed || failedSteps.length ? 1 : 0);
