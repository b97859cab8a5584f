/**
 * A POST whose body is a file, with upload progress (fetch reports none, so this is XMLHttpRequest), answering like
 * callApi: the parsed body, or the server's error shape as data (network errors included).
 */
import { ErrorBody, ErrorCode } from '@keyfield/shared';
import type { z } from 'zod';
import type { ApiResult } from './api.ts';

export type UploadProgress = { sent: number; total: number; phase: 'uploading' | 'processing' };

export function uploadWithProgress<S extends z.ZodType>(
	url: string,
	file: Blob,
	contentType: string,
	schema: S,
	onProgress: (p: UploadProgress) => void,
	timeoutMs = 120_000
): Promise<ApiResult<z.output<S>>> {
	return new Promise((resolve) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', contentType);
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size, phase: 'uploading' });
		// Every byte is with the server: what remains is its work (checking, storing, writing in one transaction).
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
		xhr.timeout = timeoutMs;
		xhr.send(file);
	});
}
