/**
 * A webhook receiver to try webhooks by hand: prints every event it gets and whether its signature verifies.
 *   KEYFIELD_WEBHOOK_SECRET=whsec_… pnpm --filter @keyfield/sync-server exec tsx src/webhooks/dev-receiver.ts [port]
 * Answers 200 for a valid signature, 400 otherwise (so a wrong secret shows as failed attempts in the delivery log).
 */
import { createServer } from 'node:http';
import { SIGNATURE_HEADER, verifySignature } from './signature.ts';

const port = Number(process.argv[2] ?? 8790);
const secret = process.env.KEYFIELD_WEBHOOK_SECRET ?? '';
if (!secret) console.warn('KEYFIELD_WEBHOOK_SECRET is not set: every signature will fail.');

createServer((req, res) => {
	let body = '';
	req.setEncoding('utf8');
	req.on('data', (chunk: string) => (body += chunk));
	req.on('end', () => {
		const valid = verifySignature(secret, body, String(req.headers[SIGNATURE_HEADER.toLowerCase()] ?? ''));
		console.log(`${new Date().toISOString()} ${req.headers['keyfield-event']} attempt ${req.headers['keyfield-attempt']} signature ${valid ? 'valid' : 'INVALID'}\n  ${body}`);
		res.writeHead(valid ? 200 : 400).end();
	});
}).listen(port, '127.0.0.1', () => console.log(`Webhook receiver on http://127.0.0.1:${port}/`));
