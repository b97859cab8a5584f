import type { HttpBindings } from '@hono/node-server';
import type { User } from '@keyfield/shared';

export type AuthUser = User;

/** Hono environment: Node bindings when served for real (absent under `app.request()`), the signed-in user. */
export type AppEnv = {
	Bindings: Partial<HttpBindings>;
	/** `enrolmentRequired`: the account policy holds this session to 2-step enrolment (see auth/authenticate.ts). */
	Variables: { user: AuthUser; sessionTokenHash: string; enrolmentRequired: boolean };
};
