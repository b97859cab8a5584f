/** Sends a certificate CSV to `POST /api/admin/certificates/bulk` with upload progress. */
import { BulkCheck, BulkIssued } from '@keyfield/shared';
import { uploadWithProgress, type UploadProgress } from '../sync/upload.ts';

export type { UploadProgress };

export const checkCsv = (file: Blob, onProgress: (p: UploadProgress) => void) => uploadWithProgress('/api/admin/certificates/bulk?dryRun=true', file, 'text/csv', BulkCheck, onProgress);
export const issueCsv = (file: Blob, onProgress: (p: UploadProgress) => void) => uploadWithProgress('/api/admin/certificates/bulk', file, 'text/csv', BulkIssued, onProgress);
