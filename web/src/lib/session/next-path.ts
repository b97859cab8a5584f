/** Where to go after signing in: `?next=` when it is a path of this app (never another origin), else `home`. */
export function nextPath(url: URL, home = '/'): string {
	const next = url.searchParams.get('next');
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : home;
}
