/**
 * Protocol versions. A client with a version the server no longer accepts gets 409 `client_outdated`, asks to
 * update, and keeps its outbox.
 *   1 — push/pull with per-account version cursors (2026-11).
 * SCHEMA_VERSION is the shape of synced rows and operation args; bump it when either changes incompatibly.
 *   1 — accounts, memberships, products, licenses; license.requestKey.
 *   2 — licenses gain origin, sourceId, fields (serial and certificateId nullable); the field operations' tables.
 *       Queued args of schema 1 are still valid, so an app that gets client_outdated may update with its outbox.
 */
export const PROTOCOL_VERSION = 1;
export const SCHEMA_VERSION = 2;
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [2];
