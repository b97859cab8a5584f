/** Saves a key as the readable `.lic` file (DESIGN §5), made on the device so it works offline. */
import { decodeLicenseKey, licenseFileName, licenseFileText } from '@keyfield/shared';
import { saveFile } from '../save-file.ts';

export function downloadLicenseFile(licenseKey: string, productName: string): void {
	const payload = decodeLicenseKey(licenseKey);
	if (!payload) return;
	// One file per host of a license, so their names must differ.
	const name = payload.host ? licenseFileName(payload).replace(/\.lic$/, `-${payload.host}.lic`) : licenseFileName(payload);
	saveFile(name, 'text/plain', licenseFileText(licenseKey, payload, productName));
}
