import { z } from 'zod';
import { IsoDateTime, Uuid } from '../entities.ts';

export const MAX_MUTATIONS_PER_PUSH = 100;

export const Mutation = z.object({
	id: z.number().int().positive(),
	name: z.string().min(1).max(100),
	args: z.unknown(),
	createdAt: IsoDateTime
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
	protocolVersion: z.number().int(),
	clientId: Uuid,
	schemaVersion: z.number().int(),
	// In queue order, each id once: a repeated or reordered id has no meaning and would defeat the replay check.
	mutations: z
		.array(Mutation)
		.max(MAX_MUTATIONS_PER_PUSH)
		.refine((ms) => ms.every((m, i) => i === 0 || m.id > ms[i - 1]!.id), 'mutation ids must be strictly increasing')
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.object({
	id: z.number().int().positive(),
	status: z.enum(['applied', 'rejected']),
	code: z.string().optional(),
	message: z.string().optional(),
	result: z.record(z.string(), z.unknown()).optional()
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({ lastMutationId: z.number().int().nonnegative(), results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;
