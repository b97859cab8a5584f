/** Saves a key as the readable `.lic` file (DESIGN §5), made on the device so it works offline. */
import { decodeLicenseKey, licenseFileName, licenseFileText } from '@keyfield/shared';

export function downloadLicenseFile(licenseKey: string, productName: string): void {
	const payload = decodeLicenseKey(licenseKey);
	if (!payload) return;
	const blob = new Blob([licenseFileText(licenseKey, payload, productName)], { type: 'text/plain' });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	// One file per host of a license, so their names must differ.
	a.download = payload.host ? licenseFileName(payload).replace(/\.lic$/, `-${payload.host}.lic`) : licenseFileName(payload);
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
