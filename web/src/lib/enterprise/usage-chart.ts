/**
 * The geometry of a product's usage chart: a step line of seats in use over the agreement's term so far, scaled to
 * a viewBox of WIDTH x HEIGHT with the cap at the top. Pure, so it is tested without a DOM.
 */
import type { UsagePoint } from './usage.ts';

export const WIDTH = 300;
export const HEIGHT = 80;

export function usagePath(points: readonly UsagePoint[], range: { from: Date; to: Date }, seatCap: number): string {
	const span = Math.max(1, range.to.getTime() - range.from.getTime());
	const x = (at: Date) => ((Math.min(Math.max(at.getTime(), range.from.getTime()), range.to.getTime()) - range.from.getTime()) / span) * WIDTH;
	const y = (inUse: number) => HEIGHT - (Math.min(inUse, seatCap) / seatCap) * HEIGHT;
	const round = (n: number) => Math.round(n * 10) / 10;
	let path = `M0 ${HEIGHT}`;
	let last = 0;
	for (const point of points) {
		const px = round(x(new Date(point.event.at)));
		path += ` H${px} V${round(y(point.inUse))}`;
		last = point.inUse;
	}
	return `${path} H${WIDTH} V${round(y(last))}`;
}
