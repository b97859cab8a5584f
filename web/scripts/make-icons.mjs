// Draws the app icons (a white key on the brand blue) into static/ as real PNGs, with no image library:
// shapes are signed-distance tests, supersampled 4x4 per pixel, and the PNG is encoded with node:zlib.
// Run `pnpm icons` after changing the drawing; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes) {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

function encodePng(size, rgba) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
	const raw = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
	const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
	return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const inRoundedSquare = (x, y, r) => {
	const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
	const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
	return dx * dx + dy * dy <= r * r;
};
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** The key, in unit coordinates around the centre, scaled by `s` (maskable icons keep it inside the safe zone). */
function inKey(x, y, s) {
	const u = (x - 0.5) / s + 0.5;
	const v = (y - 0.5) / s + 0.5;
	const d = Math.hypot(u - 0.33, v - 0.5);
	const ring = d <= 0.17 && d >= 0.08;
	const shaft = inRect(u, v, 0.46, 0.46, 0.82, 0.54);
	const teeth = inRect(u, v, 0.66, 0.54, 0.72, 0.66) || inRect(u, v, 0.76, 0.54, 0.82, 0.62);
	return ring || shaft || teeth;
}

function draw(size, { maskable }) {
	const rgba = Buffer.alloc(size * size * 4);
	const N = 4;
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let bg = 0;
			let fg = 0;
			for (let sy = 0; sy < N; sy++) {
				for (let sx = 0; sx < N; sx++) {
					const x = (px + (sx + 0.5) / N) / size;
					const y = (py + (sy + 0.5) / N) / size;
					if (!(maskable || inRoundedSquare(x, y, 0.18))) continue;
					if (inKey(x, y, maskable ? 0.72 : 0.9)) fg++;
					else bg++;
				}
			}
			const cover = (bg + fg) / (N * N);
			const i = (py * size + px) * 4;
			for (let c = 0; c < 3; c++) rgba[i + c] = cover ? Math.round((BLUE[c] * bg + WHITE[c] * fg) / (bg + fg)) : 0;
			rgba[i + 3] = Math.round(cover * 255);
		}
	}
	return encodePng(size, rgba);
}

const out = new URL('../static/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), draw(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', out), draw(512, { maskable: false }));
writeFileSync(new URL('icon-512-maskable.png', out), draw(512, { maskable: true }));
writeFileSync(new URL('favicon.png', out), draw(48, { maskable: false }));
