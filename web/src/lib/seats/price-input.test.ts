import { describe, expect, it } from 'vitest';
import { currencyDigits, majorText, parseMajor } from './price-input.ts';

describe('prices typed in major units', () => {
	it('reads the currency’s decimals, with a dot or a comma', () => {
		expect(parseMajor('1299', 'EUR')).toBe(129_900);
		expect(parseMajor(' 1299.5 ', 'EUR')).toBe(129_950);
		expect(parseMajor('1299,50', 'EUR')).toBe(129_950);
		expect(parseMajor('1500', 'JPY')).toBe(1500);
		expect(parseMajor('1.234', 'KWD')).toBe(1234);
	});
	it('refuses what is not a price', () => {
		for (const text of ['', '-1', '1.299,50', '12.345', 'abc', '1e3', '15.5']) expect(parseMajor(text, text === '15.5' ? 'JPY' : 'EUR'), text).toBeNull();
	});
	it('shows minor units back for editing', () => {
		expect(majorText(129_900, 'EUR')).toBe('1299.00');
		expect(majorText(1500, 'JPY')).toBe('1500');
		expect(currencyDigits('XXQ')).toBe(2);
	});
});
