import { hash, verify } from '@node-rs/argon2';

// Algorithm 2 = argon2id (the const enum of @node-rs/argon2 is not importable under isolatedModules).
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
	return hash(password, { algorithm: ARGON2ID });
}

// Verified when the email is unknown too, so response time does not tell which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
	dummyHash ??= hashPassword('not-a-real-password');
	try {
		const ok = await verify(passwordHash ?? (await dummyHash), password);
		return ok && passwordHash !== null;
	} catch {
		return false;
	}
}
