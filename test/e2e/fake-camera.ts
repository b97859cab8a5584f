/**
 * A fake camera for Chromium (`--use-file-for-fake-video-capture`): a Y4M video that shows each given text as a QR
 * code for a while, one after another, as a person holding up a stack of vouchers would. Chromium loops the file.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 640;
const HEIGHT = 480;
const FPS = 10;

function qrFrame(text: string): Buffer {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const quiet = 4;
	const scale = Math.floor(Math.min(WIDTH, HEIGHT) / (modules.size + 2 * quiet));
	const side = scale * (modules.size + 2 * quiet);
	const left = (WIDTH - side) / 2;
	const top = (HEIGHT - side) / 2;
	// 4:2:0: a full-size luma plane (white, with black modules), then the two chroma planes at neutral grey.
	const frame = Buffer.alloc(WIDTH * HEIGHT * 1.5, 128);
	frame.fill(255, 0, WIDTH * HEIGHT);
	for (let y = 0; y < modules.size; y++) {
		for (let x = 0; x < modules.size; x++) {
			if (!modules.get(y, x)) continue;
			for (let dy = 0; dy < scale; dy++) {
				const row = top + (quiet + y) * scale + dy;
				frame.fill(0, row * WIDTH + left + (quiet + x) * scale, row * WIDTH + left + (quiet + x + 1) * scale);
			}
		}
	}
	return frame;
}

/** Writes the video to `path`: each text shown for `seconds`. */
export function writeQrVideo(path: string, texts: readonly string[], seconds = 2): void {
	const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
	for (const text of texts) {
		const frame = qrFrame(text);
		for (let i = 0; i < seconds * FPS; i++) parts.push(Buffer.from('FRAME\n'), frame);
	}
	writeFileSync(path, Buffer.concat(parts));
}
