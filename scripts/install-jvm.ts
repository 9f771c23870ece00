// Builds the JVM runtime now (what `npm start` does on first use), e.g. before tests.
import { loadConfig } from '../src/config.ts';
import { ensureJvmRuntime } from '../src/supervisor/jvm-runtime.ts';

await ensureJvmRuntime(loadConfig(process.env, []).jvmDir);
