// Reads an S3-style browser-form upload (issue 9): the form fields, then the `file` part as a
// stream, never buffered (a 200 MB plugin must not sit in memory). Fields after the file are
// ignored, as S3 does. A `file` sent as a text field (curl's `-F file=path` without `@`) is kept
// as text: the target answers it as S3 does, "smaller than the minimum allowed size".
import { Busboy } from '@fastify/busboy';
import { Readable } from 'node:stream';
import { UploadRefused } from '../core/post-policy.ts';

export interface UploadForm {
  /** Lowercase names (S3 reads them case-insensitively). */
  fields: Record<string, string>;
  /** The file part, or the text of a `file` field that was not a file. */
  file: Readable | { text: string };
}

const malformed = () => new UploadRefused('MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data.');
const incomplete = () => new UploadRefused('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');

/** The fields before `file` and the file itself; rejects with S3's refusal when there is none. */
export function readUploadForm(body: Readable, contentType: string): Promise<UploadForm> {
  return new Promise((resolve, reject) => {
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        // A part is the file only when it says it is one (a filename), as curl's `-F file=@…` does.
        isPartAFile: (_name, _type, filename) => filename !== undefined,
        limits: { fields: 50, fieldSize: 20 * 1024, files: 1, parts: 100, headerPairs: 50 },
      });
    } catch {
      reject(malformed());
      return;
    }
    const fields: Record<string, string> = {};
    let file: Readable | undefined;
    let settled = false;
    const fail = (err: UploadRefused) => {
      // A file already handed out learns of the failure from its stream; one read to its end is whole.
      if (file && !file.readableEnded) file.destroy(err);
      if (!settled) reject(err);
      settled = true;
    };
    const done = (form: UploadForm) => {
      if (!settled) resolve(form);
      settled = true;
    };
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      const lower = name.toLowerCase();
      if (settled) return;
      if (valueTruncated) return fail(new UploadRefused('MaxPostPreDataLengthExceeded', 'Your POST request fields preceding the upload file were too large.'));
      if (lower === 'file') return done({ fields, file: { text: value } });
      if (lower in fields) return fail(new UploadRefused('InvalidArgument', `POST requires exactly one field named '${lower}'`, { ArgumentName: lower, ArgumentValue: value }));
      fields[lower] = value;
    });
    parser.on('file', (name, stream) => {
      if (settled || name.toLowerCase() !== 'file') return void stream.resume();
      file = stream;
      done({ fields, file: stream });
    });
    parser.on('finish', () => settled || fail(new UploadRefused('InvalidArgument', 'POST requires exactly one file upload per request.', { ArgumentName: 'file', ArgumentValue: '0' })));
    parser.on('error', () => fail(malformed()));
    // A client that goes away mid-file must not leave the store waiting for the rest.
    body.once('close', () => {
      if (!body.readableEnded) fail(incomplete());
    });
    body.pipe(parser);
  });
}

/**
 * The first `bytes` of a body (or all of it, if shorter) and a stream of the whole body, so a PUT
 * can be told apart: a multipart envelope (Terraform's GCP/Azure upload) or the bare file.
 */
export async function peekBody(body: Readable, bytes: number): Promise<{ head: Buffer; body: Readable }> {
  const iterator: AsyncIterator<Buffer> = body[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    while (!ended) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, body: Readable.from(whole(), { objectMode: false }) };
}

/** The boundary of a body that is a multipart/form-data envelope, from its first line. */
export function multipartBoundaryOf(head: Buffer): string | undefined {
  const text = head.toString('latin1');
  const boundary = /^--([0-9A-Za-z'()+_,\-./:=? ]{1,70})\r\n/.exec(text)?.[1];
  return boundary !== undefined && /content-disposition:\s*form-data/i.test(text) ? boundary : undefined;
}

export { incomplete as incompleteBody };
