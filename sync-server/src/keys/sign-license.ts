/** A license's key (DESIGN §5): what every operation that issues or re-issues a license signs. */
import { signLicenseKey } from '@keyfield/shared';
import type { Signer } from './signing-key.ts';

export type KeyedLicense = {
	id: string;
	accountId: string;
	sku: string;
	productVersion: string;
	seats: number;
	maintenanceEnd: string;
	hostId: string | null;
};

export function signLicense(signer: Signer, license: KeyedLicense): Promise<string> {
	const payload = {
		v: 1 as const,
		kid: signer.kid,
		lic: license.id,
		acct: license.accountId,
		sku: license.sku,
		ver: license.productVersion,
		seats: license.seats,
		maintEnd: license.maintenanceEnd,
		...(license.hostId ? { host: license.hostId } : {}),
		iat: Math.floor(Date.now() / 1000)
	};
	return signLicenseKey(payload, signer.privateKey);
}
