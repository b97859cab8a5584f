// Reminder notifications are shown once per device: per contract, end date and lead time reached.
import { describe, expect, it } from 'vitest';
import { KeyfieldDb } from '../db/db.ts';
import { claimUnshown, reminderKey } from './notified.ts';

const view = (endsOn: string, daysLeft: number, reminder: number | null) => ({ contract: { id: 'c1', endsOn } as never, daysLeft, reminder });

describe('reminder notifications', () => {
	it('claims a reminder once, even when two checks race; a new end or a nearer lead time is a new reminder', async () => {
		const db = new KeyfieldDb(`keyfield-test-${crypto.randomUUID()}`);
		const at30 = reminderKey(view('2027-01-31', 25, 30));
		const [first, racing] = await Promise.all([claimUnshown(db, [at30]), claimUnshown(db, [at30])]);
		expect(first.size + racing.size).toBe(1);
		expect((await claimUnshown(db, [at30])).size).toBe(0);
		const at7 = reminderKey(view('2027-01-31', 6, 7));
		const renewed = reminderKey(view('2028-01-31', 25, 30));
		const ended = reminderKey(view('2027-01-31', -1, 7));
		expect(new Set([at30, at7, renewed, ended]).size).toBe(4);
		expect([...(await claimUnshown(db, [at30, at7, renewed]))].sort()).toEqual([at7, renewed].sort());
		db.close();
	});
});
