/**
 * Sends a certificate CSV to `POST /api/admin/certificates/bulk` with upload progress (fetch reports none), and
 * answers like callApi: the parsed body, or the server's error shape as data.
 */
import { BulkCheck, BulkIssued, ErrorBody, ErrorCode } from '@keyfield/shared';
import type { z } from 'zod';
import type { ApiResult } from '../sync/api.ts';

export type UploadProgress = { sent: number; total: number; phase: 'uploading' | 'processing' };

function send<S extends z.ZodType>(url: string, file: Blob, schema: S, onProgress: (p: UploadProgress) => void): Promise<ApiResult<z.output<S>>> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'text/csv');
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size, phase: 'uploading' });
		// Every byte is with the server: what remains is its work (checking, or issuing in one transaction).
		xhr.upload.onload = () => onProgress({ sent: file.size, total: file.size, phase: 'processing' });
		xhr.onerror = xhr.ontimeout = () => resolve({ ok: false, status: 0, code: ErrorCode.unavailable, message: 'Cannot reach the server.', details: {} });
		xhr.onload = () => {
			let json: unknown;
			try {
				json = JSON.parse(xhr.responseText);
			} catch {
				json = undefined;
			}
			if (xhr.status >= 200 && xhr.status < 300) {
				const parsed = schema.safeParse(json);
				resolve(parsed.success ? { ok: true, data: parsed.data } : { ok: false, status: xhr.status, code: ErrorCode.internal, message: 'The server sent a response this app does not understand.', details: {} });
				return;
			}
			const error = ErrorBody.safeParse(json);
			resolve(
				error.success
					? { ok: false, status: xhr.status, ...error.data.error }
					: { ok: false, status: xhr.status, code: xhr.status >= 500 ? ErrorCode.unavailable : ErrorCode.badRequest, message: `HTTP ${xhr.status}`, details: {} }
			);
		};
		xhr.timeout = 120_000;
		xhr.send(file);
	});
}

export const checkCsv = (file: Blob, onProgress: (p: UploadProgress) => void) => send('/api/admin/certificates/bulk?dryRun=true', file, BulkCheck, onProgress);
export const issueCsv = (file: Blob, onProgress: (p: UploadProgress) => void) => send('/api/admin/certificates/bulk', file, BulkIssued, onProgress);
