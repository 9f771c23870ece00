// Types of scripts/bundle.mjs (plain JavaScript: it runs before tsx is registered).
/** Bundles src/main.ts into <repo>/.build/main-<hash>/; returns the path of its main.mjs. */
export function bundleControlPlane(options?: { onBuild?: () => void }): Promise<string>;
