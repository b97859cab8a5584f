/// <reference lib="webworker" />
/**
 * The service worker: precaches the app shell (Workbox injectManifest) so the app opens with no network, answers
 * every navigation with the SPA shell, offers updates as a prompt (SKIP_WAITING only when the person agrees), and
 * drains the outbox on Background Sync; a reminder notification opens its contract.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { getDb } from './lib/db/db.ts';
import { drainOutbox, OUTBOX_SYNC_TAG } from './lib/sync/background-sync.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<string | { url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every deep link opens the precached shell offline; the API is never answered from the cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/200.html'), { denylist: [/^\/api\//] }));

// The first install takes control of the open page at once, so a person who signs in and then loses the signal
// can still move between screens. Later versions wait for the person (the update prompt).
clientsClaim();
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

type SyncEvent = ExtendableEvent & { tag: string };
self.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	if (sync.tag !== OUTBOX_SYNC_TAG) return;
	const locks = self.navigator.locks;
	sync.waitUntil(
		drainOutbox(getDb(), (input, init) => fetch(input, init), locks ? { request: (name, callback) => locks.request(name, callback) } : null)
	);
});

// A reminder notification (lib/renewals/reminder-notices.ts) opens its contract: in an open Keyfield window if
// there is one, else in a new one.
self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url ?? '/expiry';
	event.waitUntil(
		(async () => {
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = windows[0];
			if (open) {
				await open.focus();
				await open.navigate(url).catch(() => undefined);
			} else await self.clients.openWindow(url);
		})()
	);
});
