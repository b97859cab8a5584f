/**
 * A strict RFC 4180 reader for uploads: quoted fields (with "" and line breaks inside), CRLF or LF, a UTF-8 BOM,
 * and `;` as the separator when the header uses it (what spreadsheets in Spanish, Italian, Polish or Romanian
 * save). Malformed input throws CsvError with the line it is on, never a guess at what was meant.
 */
export class CsvError extends Error {
	constructor(readonly line: number, message: string) {
		super(message);
	}
}

export type CsvRecord = { line: number; fields: string[] };

/** Records in order; a blank line (nothing but a line break) is skipped. */
export function readCsv(text: string): CsvRecord[] {
	const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (src.includes('\u0000')) throw new CsvError(1, 'The file is not text (it holds NUL bytes).');
	const firstLine = src.slice(0, src.search(/\r?\n|$/));
	const sep = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let i = 0;
	let quotedField = false; // the current field was quoted: "" stays an empty value, not a blank line
	const endRecord = () => {
		fields.push(field);
		if (!(fields.length === 1 && fields[0] === '' && !quotedField)) records.push({ line: recordLine, fields });
		fields = [];
		field = '';
		quotedField = false;
	};
	while (i < src.length) {
		const ch = src[i]!;
		if (ch === '"' && field === '' && !quotedField) {
			quotedField = true;
			const start = line;
			i++;
			for (;;) {
				if (i >= src.length) throw new CsvError(start, `A quoted value opened on line ${start} is never closed.`);
				const c = src[i]!;
				if (c === '"') {
					if (src[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (c === '\n') line++;
				field += c;
				i++;
			}
			const next = src[i];
			if (next !== undefined && next !== sep && next !== '\n' && next !== '\r') {
				throw new CsvError(line, `Text follows a closing quote on line ${line}: quote the whole value, with "" for a quote inside.`);
			}
			continue;
		}
		if (ch === '"') throw new CsvError(line, `A quote inside an unquoted value on line ${line}: quote the whole value, with "" for a quote inside.`);
		if (ch === sep) {
			fields.push(field);
			field = '';
			quotedField = false;
			i++;
			continue;
		}
		if (ch === '\r' || ch === '\n') {
			endRecord();
			i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
			line++;
			recordLine = line;
			continue;
		}
		field += ch;
		i++;
	}
	if (field !== '' || fields.length > 0 || quotedField) endRecord();
	return records;
}
