/**
 * Who may download a release (the portal's "maintenance includes version upgrades"). One pure function, run by the
 * server when it signs a download URL and by the app to show and explain locked releases, so both agree.
 * - a license of the release's product with maintenance running today → every release;
 * - maintenance ended → only releases published on or before its end;
 * - no license of the product → none.
 * Among several licenses the most generous wins; a locked answer names the license that came closest, so the app
 * can say "maintenance ended on …" and link to its renewal.
 */
export type EntitlingLicense = { id: string; accountId: string; sku: string; maintenanceEnd: string; status: 'active' | 'revoked' };
export type EntitledRelease = { sku: string; publishedOn: string };

export type Entitlement =
	| { allowed: true; reason: 'maintenance_active' | 'published_before_maintenance_end'; licenseId: string; accountId: string }
	| { allowed: false; reason: 'maintenance_ended'; licenseId: string; accountId: string; maintenanceEnd: string }
	| { allowed: false; reason: 'no_license' };

/** `today` as YYYY-MM-DD (UTC); dates compare as strings because they are all ISO calendar dates. */
export function entitlement(release: EntitledRelease, licenses: readonly EntitlingLicense[], today: string): Entitlement {
	const own = licenses.filter((l) => l.sku === release.sku && l.status === 'active');
	if (own.length === 0) return { allowed: false, reason: 'no_license' };
	const best = own.reduce((a, b) => (b.maintenanceEnd > a.maintenanceEnd ? b : a));
	const who = { licenseId: best.id, accountId: best.accountId };
	if (best.maintenanceEnd >= today) return { allowed: true, reason: 'maintenance_active', ...who };
	if (release.publishedOn <= best.maintenanceEnd) return { allowed: true, reason: 'published_before_maintenance_end', ...who };
	return { allowed: false, reason: 'maintenance_ended', maintenanceEnd: best.maintenanceEnd, ...who };
}

export function todayUtc(now = new Date()): string {
	return now.toISOString().slice(0, 10);
}
