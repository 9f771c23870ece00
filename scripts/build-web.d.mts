// Types of scripts/build-web.mjs (plain JavaScript: it runs before tsx is registered).
export const WEB_DIST: string;
export function webSourceHash(web?: string): string;
export function assetSizes(dir?: string): { file: string; bytes: number; gzip: number }[];
export function ensureWebBuild(options?: { log?: (line: string) => void; force?: boolean; web?: string }): Promise<boolean>;
