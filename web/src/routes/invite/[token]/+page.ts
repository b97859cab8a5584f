// One shell serves every invitation link: the page asks the server about the token on the client.
export const prerender = false;
