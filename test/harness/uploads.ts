// Presigned uploads in tests: asking for a grant, uploading with real curl (as the product page
// does), multipart bodies built by hand (as Terraform's Go client sends them), and what the
// local object store holds.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ApiApp } from './api-app.ts';
import { adminAuth, v2Call } from './principals.ts';

const run = promisify(execFile);

export interface Grant {
  upload_id: string;
  upload_url: string;
  upload_form_data: Record<string, string>;
  content_format: string;
  cloud: string;
}

export async function presign(api: ApiApp, body: Record<string, unknown> = { content_format: 'ZIP' }, auth = adminAuth(api)): Promise<Grant> {
  const answer = await v2Call(api, auth, 'POST', '/connect/v1/presigned-upload-url', body);
  if (answer.status !== 200) throw new Error(`presign failed: ${answer.status} ${answer.text}`);
  return answer.json as Grant;
}

export interface CurlAnswer {
  status: number;
  body: string;
  /** S3's <Code> of an XML error, '' on success. */
  code: string;
}

/** `curl -X POST url -F k=v … -F <file>`; `file` as written after -F (`file=@/path`, `file=/path`). */
export async function curlPost(url: string, fields: Record<string, string>, file: string | undefined, extra: string[] = []): Promise<CurlAnswer> {
  const form = Object.entries(fields).flatMap(([k, v]) => ['-F', `${k}=${v}`]);
  return curl(['-X', 'POST', url, ...form, ...(file === undefined ? [] : ['-F', file]), ...extra]);
}

export async function curl(args: string[]): Promise<CurlAnswer> {
  const { stdout } = await run('curl', ['-s', '-S', '-m', '60', '-w', '\n%{http_code}', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const cut = stdout.lastIndexOf('\n');
  const body = stdout.slice(0, cut);
  return { status: Number(stdout.slice(cut + 1)), body, code: /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? '' };
}

/** A multipart/form-data body as Go's mime/multipart writes it: fields, then the file part. */
export function multipartBody(fields: Record<string, string>, file: Buffer, filename = 'plugin.zip'): { boundary: string; body: Buffer } {
  const boundary = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return { boundary, body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]) };
}

/** Every file under `<home>/objects` (relative paths), the store's own .incoming/ included. */
export function storedFiles(api: ApiApp): string[] {
  const root = path.join(api.home, 'objects');
  const walk = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [])
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.relative(root, path.join(dir, e.name))]));
  return walk(root);
}

/** A file of `size` bytes that starts like a ZIP. */
export function archiveFile(dir: string, name: string, size: number): string {
  const file = path.join(dir, name);
  const bytes = Buffer.alloc(size, 0x41);
  Buffer.from('PK\x03\x04', 'latin1').copy(bytes);
  fs.writeFileSync(file, bytes);
  return file;
}

/** An archive uploaded as the product page does (presign, then curl -F file=@…): its upload_id. */
export async function uploadArchive(api: ApiApp, file: string, grant: Record<string, unknown> = { content_format: 'ZIP' }): Promise<string> {
  const ccpm = grant.environment !== undefined;
  const answer = await v2Call(api, adminAuth(api), 'POST', ccpm ? '/ccpm/v1/presigned-upload-url' : '/connect/v1/presigned-upload-url', grant);
  if (answer.status !== (ccpm ? 201 : 200)) throw new Error(`presign failed: ${answer.status} ${answer.text}`);
  const { upload_id: id, upload_url: url, upload_form_data: fields } = answer.json as Grant;
  const sent = await curlPost(url, fields, `file=@${file}`);
  if (sent.status !== 204) throw new Error(`upload failed: ${sent.status} ${sent.body}`);
  return id;
}
