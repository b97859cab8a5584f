/**
 * Where artifact bytes live, addressed by their SHA-256. `put` streams: the bytes go through a hash into a temporary
 * file and are renamed into place once the digest is known, so memory stays flat for a file of any size and a
 * half-written upload never appears under a digest. The filesystem store keeps them in the data directory; an
 * S3-compatible store would implement the same interface.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../config.ts';

export type StoredBlob = { sha256: string; size: number };

export interface BlobStore {
	/** Stores the stream's bytes; returns their digest and length. */
	put(body: ReadableStream<Uint8Array> | Readable): Promise<StoredBlob>;
	/** Size in bytes, or null when no blob has this digest. */
	size(sha256: string): Promise<number | null>;
	/** Bytes `start..end` (inclusive) of a blob, as a web stream. */
	read(sha256: string, range: { start: number; end: number }): ReadableStream<Uint8Array>;
}

const DIGEST = /^[0-9a-f]{64}$/;

export class FileBlobStore implements BlobStore {
	constructor(private readonly root: string) {}

	private path(sha256: string): string {
		if (!DIGEST.test(sha256)) throw new Error('not a SHA-256 digest');
		return join(this.root, sha256.slice(0, 2), sha256);
	}

	async put(body: ReadableStream<Uint8Array> | Readable): Promise<StoredBlob> {
		const tmpDir = join(this.root, 'tmp');
		await mkdir(tmpDir, { recursive: true });
		const tmp = join(tmpDir, crypto.randomUUID());
		const hash = createHash('sha256');
		let size = 0;
		const measure = new Transform({
			transform(chunk: Buffer, _enc, done) {
				hash.update(chunk);
				size += chunk.length;
				done(null, chunk);
			}
		});
		const source = body instanceof Readable ? body : Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
		try {
			await pipeline(source, measure, createWriteStream(tmp));
			const sha256 = hash.digest('hex');
			const target = this.path(sha256);
			await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
			// Same content, same name: a second upload of identical bytes just replaces the file with itself.
			await rename(tmp, target);
			return { sha256, size };
		} finally {
			await rm(tmp, { force: true });
		}
	}

	async size(sha256: string): Promise<number | null> {
		try {
			return (await stat(this.path(sha256))).size;
		} catch {
			return null;
		}
	}

	read(sha256: string, { start, end }: { start: number; end: number }): ReadableStream<Uint8Array> {
		return Readable.toWeb(createReadStream(this.path(sha256), { start, end })) as ReadableStream<Uint8Array>;
	}
}

/** The store a server uses unless told otherwise: `blobs/` in the data directory (KEYFIELD_DATA_DIR). */
export function defaultBlobStore(dataDir = loadConfig().dataDir): BlobStore {
	return new FileBlobStore(join(dataDir, 'blobs'));
}
