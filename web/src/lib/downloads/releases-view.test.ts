import { describe, expect, it } from 'vitest';
import type { LicenseRow, ReleaseRow } from '@keyfield/shared';
import { groupReleases } from './releases-view.ts';

const release = (sku: string, version: string, publishedOn: string): ReleaseRow => ({
	id: crypto.randomUUID(),
	accountId: crypto.randomUUID(),
	version: 1,
	sku,
	productName: sku === 'KF-EDGE' ? 'Edge' : 'Scan',
	releaseVersion: version,
	platform: 'any',
	channel: 'stable',
	notes: '',
	publishedOn,
	artifacts: []
});
const license = (sku: string, maintenanceEnd: string, status: LicenseRow['status'] = 'active') => ({ id: `L-${sku}`, accountId: 'A', sku, maintenanceEnd, status }) as LicenseRow;

describe('groupReleases', () => {
	const releases = [release('KF-EDGE', '1.0', '2025-01-01'), release('KF-EDGE', '2.0', '2026-03-01'), release('KF-SCAN', '8.0', '2026-03-01'), release('KF-VAULT', '3.0', '2026-01-01')];

	it('lists only licensed products, newest release first, each with its entitlement', () => {
		const grouped = groupReleases(releases, [license('KF-EDGE', '2025-12-31'), license('KF-SCAN', '2027-01-01')], '2026-06-01');
		expect(grouped.map((p) => p.sku)).toEqual(['KF-EDGE', 'KF-SCAN']);
		expect(grouped[0]!.releases.map((r) => [r.release.releaseVersion, r.entitlement.allowed])).toEqual([['2.0', false], ['1.0', true]]);
		expect(grouped[0]!.releases[0]!.entitlement).toMatchObject({ reason: 'maintenance_ended', maintenanceEnd: '2025-12-31' });
		expect(grouped[1]!.releases[0]!.entitlement).toMatchObject({ allowed: true, reason: 'maintenance_active' });
	});

	it('a revoked license shows nothing', () => {
		expect(groupReleases(releases, [license('KF-EDGE', '2027-01-01', 'revoked')], '2026-06-01')).toEqual([]);
	});
});
