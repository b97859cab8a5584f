import { describe, expect, it } from 'vitest';
import { CsvError, readCsv } from './csv.ts';

const fields = (text: string) => readCsv(text).map((r) => r.fields);

describe('readCsv', () => {
	it('reads plain, quoted and multi-line values with their line numbers', () => {
		const text = '\uFEFFa,b,c\r\n1,"two, ""2""",3\n"x\ny",,\n\nlast,row,"q"';
		expect(readCsv(text)).toEqual([
			{ line: 1, fields: ['a', 'b', 'c'] },
			{ line: 2, fields: ['1', 'two, "2"', '3'] },
			{ line: 3, fields: ['x\ny', '', ''] },
			{ line: 6, fields: ['last', 'row', 'q'] }
		]);
	});

	it('takes ; as the separator when the header uses it', () => {
		expect(fields('a;b\n1,5;2\n')).toEqual([['a', 'b'], ['1,5', '2']]);
	});

	it('keeps a quoted empty value as a record, skips blank lines', () => {
		expect(fields('a\n""\n\n')).toEqual([['a'], ['']]);
		expect(fields('')).toEqual([]);
	});

	it('refuses what it would have to guess at, naming the line', () => {
		for (const [text, line] of [['a,b\n1,"open', 2], ['a\nx"y', 2], ['a\n"x"y', 2], ['a\u0000', 1]] as const) {
			expect(() => readCsv(text)).toThrow(CsvError);
			try {
				readCsv(text);
			} catch (err) {
				expect((err as CsvError).line).toBe(line);
			}
		}
	});
});
