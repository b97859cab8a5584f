/** A DomainVerifier for tests only (injected through the harness): a test "publishes" a TXT value for a domain. */
import { txtRecordValue } from '@keyfield/shared';
import type { DomainVerifier } from '../members/domain-verifier.ts';

export class FakeDomainVerifier implements DomainVerifier {
	readonly #records = new Map<string, string[]>();

	publish(domain: string, value: string): void {
		this.#records.set(domain, [...(this.#records.get(domain) ?? []), value]);
	}

	async hasToken(domain: string, token: string): Promise<boolean> {
		return (this.#records.get(domain) ?? []).includes(txtRecordValue(token));
	}
}
