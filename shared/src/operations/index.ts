/**
 * Every queued operation by name. Adding one is one entry here, one server module, one client half.
 * The server validates `args` with these schemas at apply time; the device validates before queueing.
 */
import type { z } from 'zod';
import { ActivateHostArgs, DeactivateHostArgs, MoveHostArgs } from './hosts.ts';
import { RequestKeyArgs } from './request-key.ts';

export const Operations = {
	'license.requestKey': RequestKeyArgs,
	'host.activate': ActivateHostArgs,
	'host.deactivate': DeactivateHostArgs,
	'host.move': MoveHostArgs
} as const satisfies Record<string, z.ZodType>;

export type OperationName = keyof typeof Operations;
export type OperationArgs<N extends OperationName> = z.input<(typeof Operations)[N]>;
export type ParsedOperationArgs<N extends OperationName> = z.output<(typeof Operations)[N]>;

export function isOperationName(name: string): name is OperationName {
	return Object.hasOwn(Operations, name);
}

export * from './request-key.ts';
export * from './hosts.ts';
