import type { AgreementEventRow } from '@keyfield/shared';
import { describe, expect, it } from 'vitest';
import { usageOverTime } from './usage.ts';
import { HEIGHT, WIDTH, usagePath } from './usage-chart.ts';

const base = { accountId: '11111111-1111-4111-8111-111111111111', agreementId: '22222222-2222-4222-8222-222222222222', sku: 'KF-EDGE', licenseId: '33333333-3333-4333-8333-333333333333', userEmail: 'tech@acme.test' };
const events: AgreementEventRow[] = [
	{ ...base, id: 'e0000001-0000-4000-8000-000000000000', version: 1, kind: 'draw', seats: 5, at: '2026-01-11T00:00:00.000Z' },
	{ ...base, id: 'e0000002-0000-4000-8000-000000000000', version: 2, kind: 'release', seats: 2, at: '2026-01-21T00:00:00.000Z' }
];

describe('usage over time', () => {
	it('follows the seats in use after each event, per product', () => {
		expect(usageOverTime(events).map((p) => p.inUse)).toEqual([5, 3]);
	});

	it('draws a step line from empty, scaled to the term and the cap', () => {
		const path = usagePath(usageOverTime(events), { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-31T00:00:00Z') }, 10);
		expect(path).toBe(`M0 ${HEIGHT} H${WIDTH / 3} V${HEIGHT / 2} H${(WIDTH * 2) / 3} V${HEIGHT * 0.7} H${WIDTH} V${HEIGHT * 0.7}`);
	});
});
