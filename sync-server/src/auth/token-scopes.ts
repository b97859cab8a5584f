/**
 * Which API token may call which route. Tokens work only where this says so: the vendor API by area (a write
 * needs the area's scope, a read its scope or `read`) and `/api/v1` for account tokens. Everything else — the
 * sync protocol, security, token management itself — takes a signed-in session, so a leaked token can neither
 * mint tokens nor act as a device. A vendor route added without an area here refuses tokens until it gets one.
 */
import type { VendorScope } from '@keyfield/shared';

const vendorAreas: [RegExp, Exclude<VendorScope, 'read'>][] = [
	[/^\/api\/admin\/(accounts|users|delegations|search)(\/|$)/, 'accounts'],
	[/^\/api\/admin\/(products|releases|packages)(\/|$)/, 'catalog'],
	[/^\/api\/admin\/(certificates|vouchers|upgrade-notifications|agreements|orders)(\/|$)/, 'entitlements'],
	[/^\/api\/admin\/contracts(\/|$)/, 'contracts'],
	[/^\/api\/admin\/webhooks(\/|$)/, 'webhooks']
];

export type TokenRequirement = { kind: 'vendor'; scopes: VendorScope[] } | { kind: 'account'; scopes: ['read'] } | null;

/** The token kind and any one of the scopes a request needs; null: no token may make it. */
export function tokenRequirement(method: string, path: string): TokenRequirement {
	if (/^\/api\/v1\//.test(path)) return method === 'GET' ? { kind: 'account', scopes: ['read'] } : null;
	const area = vendorAreas.find(([pattern]) => pattern.test(path))?.[1];
	if (!area) return null;
	return { kind: 'vendor', scopes: method === 'GET' ? [area, 'read'] : [area] };
}

/** The scope a vendor route's documentation names (OpenAPI), or null when tokens are refused there. */
export function documentedScope(method: string, path: string): string | null {
	const need = tokenRequirement(method.toUpperCase(), path.replace(/\{\w+\}/g, 'x'));
	return need ? need.scopes.join(' or ') : null;
}
