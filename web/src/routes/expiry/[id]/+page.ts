// One shell serves every license id: rendered on the client from Dexie (the server answers with 200.html).
export const prerender = false;
