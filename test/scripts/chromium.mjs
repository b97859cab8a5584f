// Finds the Chromium that Playwright drives: CHROMIUM_PATH, else Debian's `chromium` on PATH. On a fresh Debian
// machine as root it installs the package; elsewhere it stops with the one command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function onPath(name) {
	const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : null;
}

export function findChromium() {
	if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
	return onPath('chromium') ?? onPath('chromium-browser');
}

export function ensureChromium() {
	const found = findChromium();
	if (found) return found;
	const isRoot = process.getuid?.() === 0;
	if (isRoot && onPath('apt-get')) {
		console.log('Chromium not found: installing Debian\'s chromium package…');
		execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
			stdio: 'inherit'
		});
		const installed = findChromium();
		if (installed) return installed;
	}
	console.error('No Chromium found. Install it with:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH)');
	process.exit(1);
}
