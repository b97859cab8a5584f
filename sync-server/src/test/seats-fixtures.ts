/** Mutations and vendor calls for the seat tests. */
import type { TestServer } from './harness.ts';

const mutation = (id: number, name: string, args: Record<string, unknown>) => ({ id, name, createdAt: new Date().toISOString(), args });

export const placeOrder = (id: number, args: { accountId: string; lines: { packageId: string; quantity: number; priceMinor: number; currency: string }[]; orderId?: string }) =>
	mutation(id, 'order.place', { orderId: crypto.randomUUID(), ...args }) as { id: number; name: string; createdAt: string; args: { orderId: string } & typeof args };

export const assignSeat = (id: number, args: { accountId: string; productId: string; userId: string; assignmentId?: string }) =>
	mutation(id, 'seat.assign', { assignmentId: crypto.randomUUID(), ...args }) as { id: number; name: string; createdAt: string; args: { assignmentId: string } & typeof args };

export const releaseSeat = (id: number, args: { accountId: string; assignmentId: string }) => mutation(id, 'seat.release', args);

/** A new package through the vendor API; returns it as the API lists it. */
export async function createPackage(server: TestServer, vendor: string, input: { sku: string; seats: number; priceMinor: number; currency?: string; name?: string }) {
	const body = { name: `${input.sku} ${input.seats}-pack`, currency: 'EUR', ...input };
	const res = await server.call('/api/admin/packages', { token: vendor, body });
	if (res.status !== 201) throw new Error(`create package: ${res.status} ${await res.text()}`);
	const { id } = (await res.json()) as { id: string };
	const list = (await (await server.call('/api/admin/packages', { token: vendor })).json()) as { packages: { id: string; productId: string; priceMinor: number; currency: string }[] };
	return list.packages.find((p) => p.id === id)!;
}

export async function confirmOrder(server: TestServer, vendor: string, orderId: string, paymentRef?: string) {
	const res = await server.call(`/api/admin/orders/${orderId}/confirm`, { token: vendor, body: paymentRef ? { paymentRef } : {} });
	return { status: res.status, body: (await res.json()) as { alreadyConfirmed: boolean; seats: { sku: string; seats: number }[]; error?: { code: string } } };
}

export async function pool(server: TestServer, accountId: string, productId: string) {
	return server.db.selectFrom('seat_pools').select(['owned', 'assigned']).where('account_id', '=', accountId).where('product_id', '=', productId).executeTakeFirst();
}

export async function userIdOf(server: TestServer, email: string): Promise<string> {
	return (await server.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
