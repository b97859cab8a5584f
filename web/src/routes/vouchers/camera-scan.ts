/**
 * Continuous scanning of QR codes and barcodes from the camera into text: the browser's own BarcodeDetector where
 * it has one (Chromium on Android, macOS), else ZXing, imported only when a scan starts so the app shell stays small.
 */

export interface ScanSession {
	stop(): void;
}

interface DetectedBarcode {
	rawValue: string;
}
interface BarcodeDetectorLike {
	detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
	new (options?: { formats?: string[] }): BarcodeDetectorLike;
	getSupportedFormats(): Promise<string[]>;
}

// Vouchers are printed as QR codes or as Code 128 barcodes; any of these carries the text.
const WANTED = ['qr_code', 'code_128', 'code_39', 'data_matrix', 'pdf417'];
const DETECT_EVERY_MS = 200;
const CAMERA: MediaStreamConstraints = { video: { facingMode: 'environment' }, audio: false };

async function nativeDetector(): Promise<BarcodeDetectorLike | null> {
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
	if (!Detector) return null;
	const formats = (await Detector.getSupportedFormats()).filter((f) => WANTED.includes(f));
	return formats.length > 0 ? new Detector({ formats }) : null;
}

async function withNativeDetector(detector: BarcodeDetectorLike, video: HTMLVideoElement, onText: (text: string) => void): Promise<ScanSession> {
	const stream = await navigator.mediaDevices.getUserMedia(CAMERA);
	video.srcObject = stream;
	await video.play();
	let stopped = false;
	const tick = async () => {
		if (stopped) return;
		try {
			if (video.readyState >= 2) for (const code of await detector.detect(video)) onText(code.rawValue);
		} catch {
			// A frame that cannot be read (the camera adjusting) is skipped; the next one is tried.
		}
		if (!stopped) setTimeout(() => void tick(), DETECT_EVERY_MS);
	};
	void tick();
	return {
		stop() {
			stopped = true;
			for (const track of stream.getTracks()) track.stop();
			video.srcObject = null;
		}
	};
}

async function withZxing(video: HTMLVideoElement, onText: (text: string) => void): Promise<ScanSession> {
	const { BrowserMultiFormatReader } = await import('@zxing/browser');
	const reader = new BrowserMultiFormatReader(undefined, { delayBetweenScanAttempts: DETECT_EVERY_MS, delayBetweenScanSuccess: DETECT_EVERY_MS });
	const controls = await reader.decodeFromConstraints(CAMERA, video, (result) => {
		if (result) onText(result.getText());
	});
	return { stop: () => controls.stop() };
}

/** Starts the camera and calls `onText` for every code seen, again and again while it stays in view (de-duplicate in the caller). */
export async function startScan(video: HTMLVideoElement, onText: (text: string) => void): Promise<ScanSession> {
	const detector = await nativeDetector();
	return detector ? withNativeDetector(detector, video, onText) : withZxing(video, onText);
}
