/** Tables of migration 0009: releases, their artifacts, and the key that signs download links. */
import type { ColumnType } from 'kysely';
import type { CreatedAt } from './schema.ts';

export interface ReleasesTable {
	id: string;
	account_id: string;
	version: number;
	sku: string;
	release_version: string;
	platform: string;
	channel: 'stable' | 'beta';
	notes: string;
	published_on: string;
	created_at: CreatedAt;
}

export interface ArtifactsTable {
	id: string;
	account_id: string;
	release_id: string;
	file_name: string;
	size: ColumnType<string, number, never>; // bigint: pg returns it as text
	sha256: string;
	content_type: string;
	created_at: CreatedAt;
}

export interface DownloadSecretsTable {
	id: number;
	secret: string;
}
