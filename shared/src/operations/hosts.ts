/** Hosts: bind a license seat to a machine, free it, or move it to new hardware in one step. */
import { z } from 'zod';
import { Uuid } from '../entities.ts';
import { describeHostIdProblem, normalizeHostId, type HostIdProblem } from '../host-id.ts';

/** A typed or scanned host id, normalised; a problem is carried in the issue so the server can name it. */
export const HostId = z
	.string()
	.max(200)
	.transform((text, ctx) => {
		const checked = normalizeHostId(text);
		if (!checked.ok) {
			ctx.addIssue({ code: 'custom', message: describeHostIdProblem(checked.problem), params: { hostIdProblem: checked.problem } });
			return z.NEVER;
		}
		return checked.hostId;
	});

/** The host id problem of a failed parse, if that is what failed. */
export function hostIdProblemOf(error: z.ZodError): HostIdProblem | null {
	for (const issue of error.issues) {
		const problem = (issue as { params?: { hostIdProblem?: HostIdProblem } }).params?.hostIdProblem;
		if (problem) return problem;
	}
	return null;
}

export const ActivateHostArgs = z.object({ activationId: Uuid, licenseId: Uuid, hostId: HostId });
export type ActivateHostArgs = z.input<typeof ActivateHostArgs>;

// `licenseId` too, so a queued change can be shown on (and its rejection linked to) its license without the server row.
export const DeactivateHostArgs = z.object({ activationId: Uuid, licenseId: Uuid });
export type DeactivateHostArgs = z.input<typeof DeactivateHostArgs>;

/** One step, so a move never holds two seats and never leaves the license with none on failure. */
export const MoveHostArgs = z.object({ activationId: Uuid, licenseId: Uuid, newActivationId: Uuid, newHostId: HostId });
export type MoveHostArgs = z.input<typeof MoveHostArgs>;
