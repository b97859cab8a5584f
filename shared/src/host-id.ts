/**
 * Host IDs (the machine a license seat is bound to), typed or scanned. One rule on the device (before anything is
 * queued) and on the server (again, at apply time), so "00:1a:2b:3c:4d:5e" and "001A2B3C4D5E" are one host.
 */

export const HOST_ID_MAX = 64;

export type HostIdProblem =
	| { reason: 'empty' }
	| { reason: 'too_long'; max: number; found: number }
	| { reason: 'character'; character: string }
	| { reason: 'mac_groups'; found: number };

export type HostIdCheck = { ok: true; hostId: string } | { ok: false; problem: HostIdProblem };

// Hex digits in groups split by ':' '-' '.' or spaces: a MAC address or a hardware/dongle id.
const HEX_GROUPS = /^[0-9A-F]+(?:[:\-. ]+[0-9A-F]+)+$/;
// A MAC written the usual way: pairs of hex digits split by ':' or '-'.
const MAC_LIKE = /^[0-9A-F]{2}(?:[:-][0-9A-F]{2})+$/;
// Shorter hex-looking text ("CAFE-01") is more likely a name than a hardware id.
const HEX_ID_MIN_DIGITS = 8;
const ALLOWED = /^[A-Z0-9._-]$/;

export function normalizeHostId(input: string): HostIdCheck {
	let text = input.trim().toUpperCase();
	if (text === '') return { ok: false, problem: { reason: 'empty' } };
	if (MAC_LIKE.test(text)) {
		const groups = text.split(/[:-]/).length;
		// Four or five pairs is a MAC with a pair missing, not another kind of id; eight is an EUI-64.
		if (groups !== 6 && groups !== 8) return { ok: false, problem: { reason: 'mac_groups', found: groups } };
	}
	// Separators inside a hex id carry no meaning; inside a host name ("SRV-DB-01", "CAFE-01") they do and are kept.
	if (HEX_GROUPS.test(text) && text.replace(/[^0-9A-F]/g, '').length >= HEX_ID_MIN_DIGITS) text = text.replace(/[:\-. ]+/g, '');
	for (const ch of text) if (!ALLOWED.test(ch)) return { ok: false, problem: { reason: 'character', character: ch } };
	if (text.length > HOST_ID_MAX) return { ok: false, problem: { reason: 'too_long', max: HOST_ID_MAX, found: text.length } };
	return { ok: true, hostId: text };
}

export function describeHostIdProblem(problem: HostIdProblem): string {
	switch (problem.reason) {
		case 'empty':
			return 'Enter the host ID.';
		case 'too_long':
			return `A host ID has at most ${problem.max} characters; this one has ${problem.found}.`;
		case 'character':
			return problem.character === ' '
				? 'A host ID has no spaces.'
				: `A host ID has letters, digits, "-", "_" and "." only, not "${problem.character}".`;
		case 'mac_groups':
			return `A MAC address has 6 pairs of hex digits; this one has ${problem.found}.`;
	}
}
