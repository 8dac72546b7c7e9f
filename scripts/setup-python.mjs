#!/usr/bin/env node
/**
 * `npm run setup:python`: creates or updates the Python venv that runs the embedded Milvus Lite,
 * with the same code the library runs on first use (src/lite/python-env.ts, loaded through tsx so
 * this works before `npm run build`). Honours MILVUS_WASM_VENV and MILVUS_LITE_PYTHON.
 */
import { register } from 'tsx/esm/api';

register();
const { ensurePythonEnv } = await import('../src/lite/python-env.ts');

try {
  const env = await ensurePythonEnv({ onProgress: (message) => console.log(message) });
  console.log(`Milvus Lite will run with ${env.python} (${env.source})`);
} catch (error) {
  console.error(`setup:python failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
