// The API as the product page calls it: `curl` with a Basic key, JSON in and out (`| jq`).
import { curl } from './uploads.ts';

export interface CurlJson {
  status: number;
  json: unknown;
  text: string;
}

export function curlApi(baseUrl: string, key: string, secret: string) {
  const auth = `${key}:${secret}`;
  return async (method: string, path: string, body?: unknown): Promise<CurlJson> => {
    const args = ['--request', method, `${baseUrl}${path}`, '--user', auth];
    if (body !== undefined) args.push('--header', 'content-type: application/json', '--data', JSON.stringify(body));
    const answer = await curl(args);
    let json: unknown;
    try {
      json = answer.body ? JSON.parse(answer.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: answer.status, json, text: answer.body };
  };
}
