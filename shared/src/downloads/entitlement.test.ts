import { describe, expect, it } from 'vitest';
import { entitlement, type EntitlingLicense } from './entitlement.ts';

const today = '2026-06-01';
const lic = (over: Partial<EntitlingLicense> = {}): EntitlingLicense => ({
	id: 'L1',
	accountId: 'A1',
	sku: 'KF-EDGE',
	maintenanceEnd: '2027-01-01',
	status: 'active',
	...over
});
const release = (publishedOn: string, sku = 'KF-EDGE') => ({ sku, publishedOn });

describe('entitlement', () => {
	it('active maintenance gives every release, even one published later', () => {
		expect(entitlement(release('2027-06-01'), [lic()], today)).toEqual({ allowed: true, reason: 'maintenance_active', licenseId: 'L1', accountId: 'A1' });
	});
	it('maintenance ending today still counts as active', () => {
		expect(entitlement(release('2026-12-01'), [lic({ maintenanceEnd: today })], today).allowed).toBe(true);
	});
	it('expired maintenance gives releases published on or before its end', () => {
		const expired = lic({ maintenanceEnd: '2026-01-31' });
		expect(entitlement(release('2026-01-31'), [expired], today)).toMatchObject({ allowed: true, reason: 'published_before_maintenance_end' });
		expect(entitlement(release('2026-02-01'), [expired], today)).toEqual({
			allowed: false,
			reason: 'maintenance_ended',
			maintenanceEnd: '2026-01-31',
			licenseId: 'L1',
			accountId: 'A1'
		});
	});
	it('no license of the product, or only a revoked one, gives nothing', () => {
		expect(entitlement(release('2020-01-01'), [], today)).toEqual({ allowed: false, reason: 'no_license' });
		expect(entitlement(release('2020-01-01'), [lic({ sku: 'KF-VAULT' })], today)).toEqual({ allowed: false, reason: 'no_license' });
		expect(entitlement(release('2020-01-01'), [lic({ status: 'revoked' })], today)).toEqual({ allowed: false, reason: 'no_license' });
	});
	it('the license with the latest maintenance end decides', () => {
		const old = lic({ id: 'OLD', maintenanceEnd: '2025-01-01' });
		const renewed = lic({ id: 'NEW', accountId: 'A2', maintenanceEnd: '2026-03-01' });
		expect(entitlement(release('2026-02-01'), [old, renewed], today)).toMatchObject({ allowed: true, licenseId: 'NEW', accountId: 'A2' });
		expect(entitlement(release('2026-04-01'), [renewed, old], today)).toMatchObject({ allowed: false, licenseId: 'NEW', maintenanceEnd: '2026-03-01' });
	});
});
