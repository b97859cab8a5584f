/** `/api/admin/packages` and `/api/admin/orders` documented: the seat package catalog and order confirmation. */
import { ErrorCode } from '@keyfield/shared';
import * as S from '../admin/seats.schemas.ts';
import * as admin from '../admin/admin.schemas.ts';
import type { RouteDoc } from './routes.ts';
import { z } from 'zod';

const bodyErrors = [ErrorCode.invalidJson, ErrorCode.validationFailed, ErrorCode.payloadTooLarge];
const vendorErrors = [ErrorCode.unauthorized, ErrorCode.forbidden];

export const seatRoutes: RouteDoc[] = [
	{ method: 'post', path: '/api/admin/packages', summary: 'Add a seat package to the catalog: a product, seats per package, a price in minor units and its currency', tag: 'vendor', auth: 'vendor', request: S.CreatePackageRequest, response: { status: 201, schema: admin.CreatedId }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound] },
	{ method: 'get', path: '/api/admin/packages', summary: 'Every seat package, sold or not', tag: 'vendor', auth: 'vendor', response: { status: 200, schema: S.PackageListing }, errors: vendorErrors },
	{ method: 'post', path: '/api/admin/packages/{id}', summary: "Change a package's name, price, currency, or whether it is sold (orders placed keep their prices)", tag: 'vendor', auth: 'vendor', request: S.UpdatePackageRequest, response: { status: 200, schema: S.SeatPackage }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound] },
	{
		method: 'get', path: '/api/admin/orders', summary: "An account's seat orders with their status", tag: 'vendor', auth: 'vendor',
		query: { accountId: { schema: z.uuid(), description: 'the account' } },
		response: { status: 200, schema: S.OrderListing }, errors: [ErrorCode.validationFailed, ...vendorErrors]
	},
	{ method: 'post', path: '/api/admin/orders/{id}/confirm', summary: "Confirm an order's payment: its seats join the account's pools; idempotent (a second confirmation adds nothing)", tag: 'vendor', auth: 'vendor', request: S.ConfirmOrderRequest, response: { status: 200, schema: S.ConfirmedOrder }, errors: [...bodyErrors, ...vendorErrors, ErrorCode.notFound, ErrorCode.conflict] }
];
