// SPA shell: every route renders on the client from Dexie; the prerendered 200.html is the offline entry point.
export const ssr = false;
export const prerender = true;
