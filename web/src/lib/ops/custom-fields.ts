/**
 * Custom data on the device. Pending values are folded per field by views/custom-fields.ts over every queued edit
 * of the license, in queue order: an overlay sees only its own args, so a license overlay built from one edit
 * would hide the values of an earlier pending edit. Field definitions likewise show pending in the account view.
 */
import type { ClientOperation } from './client-operation.ts';

export const setFields: ClientOperation<'license.setFields'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};

export const defineField: ClientOperation<'fields.define'> = {
	accountId: (args) => args.accountId,
	overlay: () => ({})
};
