// The API alone (no JVMs: the fake data plane of the API tests), in a process of its own so that
// bench/plugin-upload.ts can read its memory. Prints one JSON line: url, admin key and secret.
import fs from 'node:fs';
import { startApiApp } from '../test/harness/api-app.ts';

fs.mkdirSync(process.argv[2]!, { recursive: true });
const api = await startApiApp({ home: process.argv[2] });
process.stdout.write(`${JSON.stringify({ url: api.url, key: api.bootstrap.cloud_api_key, secret: api.bootstrap.cloud_api_secret })}\n`);
process.on('SIGTERM', () => void api.close().then(() => process.exit(0)));
