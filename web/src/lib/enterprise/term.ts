/** Where today falls in an agreement's term, by the device's calendar day (the server decides at apply time). */
import { agreementActiveOn, type AgreementRow } from '@keyfield/shared';

export type TermStatus = 'active' | 'upcoming' | 'ended';

export function localDay(now: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function termStatus(agreement: Pick<AgreementRow, 'startsOn' | 'endsOn'>, now: Date): TermStatus {
	const day = localDay(now);
	if (agreementActiveOn(agreement, day)) return 'active';
	return day < agreement.startsOn ? 'upcoming' : 'ended';
}
