/**
 * TOTP (RFC 6238, HOTP of RFC 4226 over 30-second steps) with HMAC-SHA1 and 6 digits: what authenticator apps
 * expect from an otpauth:// URI with no parameters. A code is accepted one step either side of now (clock drift)
 * and only for a step later than the last one used, so an overheard code cannot be replayed.
 */
import { createHmac, randomBytes } from 'node:crypto';

const STEP_SECONDS = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out;
}

export function base32Decode(text: string): Buffer {
	const bytes: number[] = [];
	let bits = 0;
	let value = 0;
	for (const char of text.replace(/=+$/, '').toUpperCase()) {
		const index = BASE32.indexOf(char);
		if (index < 0) throw new Error('not base32');
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/** 20 random bytes (the RFC's recommended HMAC-SHA1 key length), base32 for the app. */
export function newTotpSecret(): string {
	return base32Encode(randomBytes(20));
}

export function hotp(key: Buffer, counter: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac(algorithm, key).update(message).digest();
	const offset = mac[mac.length - 1]! & 0x0f;
	const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
	return String(binary).padStart(digits, '0');
}

export function timeStep(at: Date): number {
	return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/** The step the code matches (now ± 1), if it is later than `lastStep`; null otherwise. */
export function matchTotp(secret: string, code: string, lastStep: number, at = new Date()): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const key = base32Decode(secret);
	const now = timeStep(at);
	for (const step of [now - 1, now, now + 1]) if (step > lastStep && hotp(key, step) === code) return step;
	return null;
}

export function otpauthUri(secret: string, email: string, issuer = 'Keyfield'): string {
	const label = encodeURIComponent(`${issuer}:${email}`);
	return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=${STEP_SECONDS}`;
}
