/** Renewals: ask for an online self-service renewal of a maintenance contract (the vendor confirms the payment). */
import { z } from 'zod';
import { Uuid } from '../entities.ts';

// `accountId` too, so the server authorises and the device lists the request without reading the contract first.
export const RenewContractArgs = z.object({ renewalId: Uuid, contractId: Uuid, accountId: Uuid });
export type RenewContractArgs = z.input<typeof RenewContractArgs>;
