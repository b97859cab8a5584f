// The real DNS verifier (node:dns resolveTxt) against a real DNS server: a small UDP responder on loopback that
// answers TXT questions from a table, NXDOMAIN otherwise.
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsDomainVerifier } from './domain-verifier.ts';

const zone = new Map<string, string[][]>([
	['_keyfield-challenge.proven.test', [['v=spf1 -all'], ['keyfield-verification=', 'c0ffee']]], // one record split in two strings
	['_keyfield-challenge.other.test', [['keyfield-verification=deadbeef']]]
]);
let server: Socket;
let port: number;

function questionName(msg: Buffer): { name: string; end: number } {
	const labels: string[] = [];
	let at = 12;
	while (msg[at]! > 0) {
		labels.push(msg.subarray(at + 1, at + 1 + msg[at]!).toString('ascii'));
		at += msg[at]! + 1;
	}
	return { name: labels.join('.').toLowerCase(), end: at + 5 }; // the zero byte, QTYPE and QCLASS
}

function answer(msg: Buffer): Buffer {
	const { name, end } = questionName(msg);
	const records = zone.get(name) ?? null;
	const header = Buffer.alloc(12);
	msg.copy(header, 0, 0, 2); // the id
	header.writeUInt16BE(records ? 0x8180 : 0x8183, 2); // a response; NXDOMAIN when unknown
	header.writeUInt16BE(1, 4);
	header.writeUInt16BE(records?.length ?? 0, 6);
	const answers = (records ?? []).map((strings) => {
		const rdata = Buffer.concat(strings.map((s) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s, 'ascii')])));
		const rr = Buffer.alloc(12);
		rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
		rr.writeUInt16BE(16, 2); // TXT
		rr.writeUInt16BE(1, 4); // IN
		rr.writeUInt32BE(60, 6);
		rr.writeUInt16BE(rdata.length, 10);
		return Buffer.concat([rr, rdata]);
	});
	return Buffer.concat([header, msg.subarray(12, end), ...answers]);
}

beforeAll(async () => {
	server = createSocket('udp4');
	server.on('message', (msg, from) => server.send(answer(msg), from.port, from.address));
	await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
	port = server.address().port;
});
afterAll(() => server?.close());

describe('dnsDomainVerifier', () => {
	it('finds the token in the TXT records of _keyfield-challenge.<domain>, joining a record\'s strings', async () => {
		const verifier = dnsDomainVerifier({ servers: [`127.0.0.1:${port}`] });
		expect(await verifier.hasToken('proven.test', 'c0ffee')).toBe(true);
		expect(await verifier.hasToken('proven.test', 'c0ffe')).toBe(false);
		expect(await verifier.hasToken('other.test', 'c0ffee')).toBe(false);
	});

	it('reads a missing name or an unreachable server as "not yet", never an error', async () => {
		expect(await dnsDomainVerifier({ servers: [`127.0.0.1:${port}`] }).hasToken('nothing.test', 'c0ffee')).toBe(false);
		const closed = createSocket('udp4');
		await new Promise<void>((resolve) => closed.bind(0, '127.0.0.1', resolve));
		const silent = closed.address().port; // bound but never answering: the resolver times out
		expect(await dnsDomainVerifier({ servers: [`127.0.0.1:${silent}`] }).hasToken('proven.test', 'c0ffee')).toBe(false);
		closed.close();
	}, 15_000);
});
