/**
 * The customer page's sections, in the order shown; each is one component taking the account's detail. A new
 * holding plugs in here: seat pools (seat_pools / seat_assignments) and approved domains are built beside this and
 * join the list after the merge as SeatPoolsSection and ApprovedDomainsSection, with their data added to
 * AccountDetail (shared/src/console/accounts.ts) or read by the section itself.
 */
import type { AccountDetail } from '@keyfield/shared';
import type { Component } from 'svelte';
import AgreementsSection from './AgreementsSection.svelte';
import CertificatesSection from './CertificatesSection.svelte';
import ContractsSection from './ContractsSection.svelte';
import DelegationsSection from './DelegationsSection.svelte';
import JournalSection from './JournalSection.svelte';
import LicensesSection from './LicensesSection.svelte';
import MembersSection from './MembersSection.svelte';
import VouchersSection from './VouchersSection.svelte';

export const customerSections: { id: string; component: Component<{ detail: AccountDetail }> }[] = [
	{ id: 'licenses', component: LicensesSection },
	{ id: 'certificates', component: CertificatesSection },
	{ id: 'contracts', component: ContractsSection },
	{ id: 'agreements', component: AgreementsSection },
	// seat pools: plug in here
	{ id: 'vouchers', component: VouchersSection },
	{ id: 'members', component: MembersSection },
	{ id: 'delegations', component: DelegationsSection },
	// approved domains: plug in here
	{ id: 'journal', component: JournalSection }
];
