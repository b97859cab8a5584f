import { describe, expect, it } from 'vitest';
import type { LicenseView } from '$lib/views/licenses.ts';
import { filterLicenses } from './license-filter.ts';

function license(id: string, fields: Partial<LicenseView>): LicenseView {
	return {
		id,
		accountId: 'a',
		origin: 'serial',
		serial: `S-${id}AAAA-BBBBB-CCCCC-DDDDD`,
		sku: 'KF-EDGE',
		productName: 'Keyfield Edge Gateway',
		productVersion: '5.2',
		seats: 1,
		maintenanceEnd: '2027-01-01',
		key: 'KF1.x.y',
		registration: { company: 'Acme Field Services', contactName: 'Ana', email: 'ana@acme.test', country: 'ES' },
		hostId: null,
		status: 'active',
		fields: {},
		pendingMutationId: null,
		createdAt: '2026-11-01T00:00:00Z',
		...fields
	};
}

const licenses = [
	license('1', { maintenanceEnd: '2027-06-01', createdAt: '2026-11-03T00:00:00Z' }),
	license('2', { maintenanceEnd: '2026-12-01', sku: 'KF-VAULT', productName: 'Keyfield Vault', createdAt: '2026-11-01T00:00:00Z' }),
	license('3', { maintenanceEnd: null, status: 'pending', sku: null, productName: null, createdAt: '2026-11-04T00:00:00Z' }),
	license('4', { maintenanceEnd: '2028-01-01', registration: { company: 'Globex', contactName: 'G', email: 'g@globex.test', country: 'IT' } })
];
const ids = (list: LicenseView[]) => list.map((l) => l.id);

describe('filterLicenses', () => {
	it('sorts by maintenance end either way, pending (no end yet) first', () => {
		expect(ids(filterLicenses(licenses, { text: '', sku: '', sort: 'expiry-soonest' }))).toEqual(['3', '2', '1', '4']);
		expect(ids(filterLicenses(licenses, { text: '', sku: '', sort: 'expiry-latest' }))).toEqual(['3', '4', '1', '2']);
		expect(ids(filterLicenses(licenses, { text: '', sku: '', sort: 'newest' }))).toEqual(['3', '1', '2', '4']);
	});

	it('finds by serial however it is typed, by product and by company', () => {
		expect(ids(filterLicenses(licenses, { text: '2aaaa bb', sku: '', sort: 'newest' }))).toEqual(['2']);
		expect(ids(filterLicenses(licenses, { text: 'vault', sku: '', sort: 'newest' }))).toEqual(['2']);
		expect(ids(filterLicenses(licenses, { text: 'GLOBEX', sku: '', sort: 'newest' }))).toEqual(['4']);
	});

	it('filters by product', () => {
		expect(ids(filterLicenses(licenses, { text: '', sku: 'KF-EDGE', sort: 'newest' }))).toEqual(['1', '4']);
	});
});
