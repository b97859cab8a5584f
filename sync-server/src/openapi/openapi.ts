/** Builds the OpenAPI 3.1 document from the route list and the zod schemas (JSON Schema 2020-12, as 3.1 uses). */
import { ErrorBody, Operations } from '@keyfield/shared';
import { z } from 'zod';
import { documentedScope } from '../auth/token-scopes.ts';
import { routes, type RouteDoc } from './routes.ts';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
	const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
	return rest;
}

const errorResponse = { $ref: '#/components/responses/Error' };

function authDescription(route: RouteDoc): string {
	const scope = documentedScope(route.method, route.path);
	if (route.auth === 'account-token') return `An account API token only (scope: ${scope}); the account is the token's.`;
	return `Vendor operators only (session), or a vendor API token ${scope ? `with scope ${scope}` : 'never: sessions only'}.`;
}

function operationFor(route: RouteDoc) {
	const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: m[1] === 'token' ? { type: 'string' } : { type: 'string', format: 'uuid' } }));
	const queryParams = Object.entries(route.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: false, description: q.description, schema: jsonSchema(q.schema, 'input') }));
	const success = 'eventStream' in route.response
		? { description: 'text/event-stream of `event: poke` / `data: {}` and `: heartbeat` comments', content: { 'text/event-stream': { schema: { type: 'string' } } } }
		: 'html' in route.response
			? { description: route.response.html, content: { 'text/html': { schema: { type: 'string' } } } }
		: 'binary' in route.response
			? { description: route.response.binary, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } }
			: { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response.schema, 'output') } } };
	const body = route.request && ('binary' in route.request
		? { description: route.request.binary, content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } }
		: 'csv' in route.request
			? { description: route.request.csv, content: { 'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv' } } } }
			: { content: { 'application/json': { schema: jsonSchema(route.request, 'input') } } });
	return {
		summary: route.summary,
		tags: [route.tag],
		...(route.auth === 'none' ? { security: [] } : {}),
		...(route.auth === 'vendor' || route.auth === 'account-token' ? { description: authDescription(route) } : {}),
		...(pathParams.length + queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
		...(body ? { requestBody: { required: true, ...body } } : {}),
		responses: {
			[route.response.status]: success,
			...(route.errors.length ? { default: { ...errorResponse, description: `Error codes: ${route.errors.join(', ')}` } } : {})
		}
	};
}

export function buildOpenApi(): Record<string, unknown> {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const route of routes) (paths[route.path] ??= {})[route.method] = operationFor(route);
	const operations = Object.fromEntries(Object.entries(Operations).map(([name, args]) => [`Operation.${name}`, jsonSchema(args, 'input')]));
	return {
		openapi: '3.1.0',
		info: { title: 'Keyfield sync server', version: '1.0.0', description: 'Sync protocol v1 (DESIGN §4) and the vendor API (§6).' },
		servers: [{ url: '/' }],
		security: [{ cookie: [] }, { bearer: [] }],
		paths,
		components: {
			securitySchemes: {
				cookie: { type: 'apiKey', in: 'cookie', name: 'kf_session' },
				bearer: { type: 'http', scheme: 'bearer', description: 'A session token (the kf_session cookie value) or an API token (kf_live_…; vendor tokens on /api/admin by scope, account tokens on /api/v1).' }
			},
			responses: { Error: { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } } },
			schemas: operations
		}
	};
}
