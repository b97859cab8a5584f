/**
 * The `Range` header of a download (RFC 9110 §14): one range of bytes, so an interrupted download resumes where it
 * stopped. Several ranges at once are answered with the whole file (which the RFC allows); a stale `If-Range`
 * (the file changed) too.
 */
export type ByteRange = { start: number; end: number }; // inclusive

export type RangeAnswer = { kind: 'full' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

export function parseRange(header: string | undefined, size: number, ifRange?: string, etag?: string): RangeAnswer {
	if (!header || (ifRange !== undefined && ifRange !== etag)) return { kind: 'full' };
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' }; // several ranges, or not bytes: ignore
	if (m[1] === '') {
		const suffix = Number(m[2]);
		if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
	}
	const start = Number(m[1]);
	const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
	if (start >= size || end < start) return { kind: 'unsatisfiable' };
	return { kind: 'partial', range: { start, end } };
}
