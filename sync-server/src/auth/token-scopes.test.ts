import { describe, expect, it } from 'vitest';
import { tokenRequirement } from './token-scopes.ts';

describe('API token scopes', () => {
	it('maps vendor routes to their area; reads also take `read`', () => {
		expect(tokenRequirement('POST', '/api/admin/products')).toEqual({ kind: 'vendor', scopes: ['catalog'] });
		expect(tokenRequirement('GET', '/api/admin/certificates')).toEqual({ kind: 'vendor', scopes: ['entitlements', 'read'] });
		expect(tokenRequirement('POST', '/api/admin/contracts/x/confirm-renewal')).toEqual({ kind: 'vendor', scopes: ['contracts'] });
		expect(tokenRequirement('DELETE', '/api/admin/delegations/x')).toEqual({ kind: 'vendor', scopes: ['accounts'] });
	});

	it('gives account tokens GET /api/v1 only, and no token the sync protocol, security or token management', () => {
		expect(tokenRequirement('GET', '/api/v1/licenses')).toEqual({ kind: 'account', scopes: ['read'] });
		expect(tokenRequirement('POST', '/api/v1/licenses')).toBeNull();
		for (const path of ['/api/sync/push', '/api/security/sessions', '/api/admin/tokens', '/api/account/tokens', '/api/admin/productsX', '/api/auth/me']) {
			expect(tokenRequirement('POST', path), path).toBeNull();
		}
	});
});
