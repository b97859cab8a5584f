import type { HttpBindings } from '@hono/node-server';
import type { User } from '@keyfield/shared';

export type AuthUser = User;

/** Set when the caller authenticated with an API token rather than a session (see auth/api-tokens.ts). */
export type ApiTokenCaller = { id: string; kind: 'vendor' | 'account'; accountId: string | null; scopes: string[] };

/** Hono environment: Node bindings when served for real (absent under `app.request()`), the signed-in user (and the API token, if that is how they came), whether X-Forwarded-For is believed. */
export type AppEnv = {
	Bindings: Partial<HttpBindings>;
	/** `enrolmentRequired`: the account policy holds this session to 2-step enrolment (see auth/authenticate.ts). */
	Variables: { user: AuthUser; sessionTokenHash: string; apiToken: ApiTokenCaller | undefined; trustProxy: boolean; enrolmentRequired: boolean };
};
