/**
 * The customer page's sections, in the order shown; each is one component taking the account's detail. A new
 * holding plugs in here, with its data added to AccountDetail (shared/src/console/accounts.ts).
 */
import type { AccountDetail } from '@keyfield/shared';
import type { Component } from 'svelte';
import AgreementsSection from './AgreementsSection.svelte';
import CertificatesSection from './CertificatesSection.svelte';
import ContractsSection from './ContractsSection.svelte';
import DelegationsSection from './DelegationsSection.svelte';
import DomainsSection from './DomainsSection.svelte';
import JournalSection from './JournalSection.svelte';
import LicensesSection from './LicensesSection.svelte';
import MembersSection from './MembersSection.svelte';
import SeatPoolsSection from './SeatPoolsSection.svelte';
import VouchersSection from './VouchersSection.svelte';

/** `reload`: read the account again after a section changed it. */
export type SectionProps = { detail: AccountDetail; reload: () => Promise<void> };

export const customerSections: { id: string; component: Component<SectionProps> }[] = [
	{ id: 'licenses', component: LicensesSection },
	{ id: 'certificates', component: CertificatesSection },
	{ id: 'contracts', component: ContractsSection },
	{ id: 'agreements', component: AgreementsSection },
	{ id: 'seat-pools', component: SeatPoolsSection },
	{ id: 'vouchers', component: VouchersSection },
	{ id: 'members', component: MembersSection },
	{ id: 'delegations', component: DelegationsSection },
	{ id: 'domains', component: DomainsSection },
	{ id: 'journal', component: JournalSection }
];
