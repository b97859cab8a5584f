import { describe, expect, it } from 'vitest';
import { issuedSerialsCsv, voucherBatchCsv } from './exports.ts';

const cert = { row: 2, id: '11111111-1111-4111-8111-111111111111', accountId: null, accountName: null, sku: 'KF-EDGE', quantity: 3, maintenanceEnd: '2031-12-31', serialCount: 2, reference: 'PO "7", A' };

describe('console CSV exports', () => {
	it('lists every serial on a line of its own, quoting what needs it', () => {
		expect(issuedSerialsCsv([{ ...cert, serials: ['S-A', 'S-B'] }])).toBe(
			'serial,certificate_id,account_id,account_name,sku,quantity,maintenance_end,reference,row\r\n' +
				`S-A,${cert.id},,,KF-EDGE,3,2031-12-31,"PO ""7"", A",2\r\nS-B,${cert.id},,,KF-EDGE,3,2031-12-31,"PO ""7"", A",2\r\n`
		);
	});

	it("writes a batch's codes with their state", () => {
		const batch = { batchId: cert.id, sku: 'KF-EDGE', seats: 4, termMonths: 12, expiresOn: '2030-01-31', restrictedToAccountId: null, vouchers: [{ code: 'V-1', status: 'redeemed' as const, redeemedAt: '2029-01-01T00:00:00.000Z', accountId: null, licenseId: null }] };
		expect(voucherBatchCsv(batch).split('\r\n')[1]).toBe(`V-1,redeemed,${cert.id},KF-EDGE,4,12,2030-01-31,,2029-01-01T00:00:00.000Z`);
	});
});
