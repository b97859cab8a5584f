/**
 * Proof that an account controls an email domain: a TXT record `_keyfield-challenge.<domain>` holding
 * `keyfield-verification=<token>`. An interface, so the test harness can inject a verifier it controls; the server
 * itself only ever builds the DNS one (there is no setting that swaps it).
 */
import { Resolver } from 'node:dns/promises';
import { txtRecordName, txtRecordValue } from '@keyfield/shared';

export interface DomainVerifier {
	/** True when the domain publishes the token now. Never throws: an unreachable DNS reads as "not yet". */
	hasToken(domain: string, token: string): Promise<boolean>;
}

/** `servers`: name servers to ask instead of the system's (a test's DNS server on loopback). */
export function dnsDomainVerifier(options: { servers?: string[] } = {}): DomainVerifier {
	return {
		async hasToken(domain, token) {
			// Its own resolver with a short timeout: the check runs inside a push, which must not hang on DNS.
			const resolver = new Resolver({ timeout: 2500, tries: 1 });
			if (options.servers) resolver.setServers(options.servers);
			try {
				const records = await resolver.resolveTxt(txtRecordName(domain));
				return records.some((chunks) => chunks.join('') === txtRecordValue(token));
			} catch {
				return false; // ENOTFOUND, ENODATA, timeouts: the record is not there (yet)
			}
		}
	};
}
