// One shell serves every account id: the page reads the account from the vendor API on the client.
export const prerender = false;
