/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function attachment(fileName: string): string {
	const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
