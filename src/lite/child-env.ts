/** The environment of every process the launcher starts (Python, pip, the server). */

/** Variables that hold a secret for milvus-wasm itself (the CLI's token): never handed to a child. */
const SECRETS = ['MILVUS_TOKEN'] as const;

/**
 * This process' environment with `extra` over it and without milvus-wasm's secrets, so they cannot be read
 * from a child's `/proc/PID/environ` or `ps e`. The server never needs them: it runs without auth.
 */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of SECRETS) delete env[name];
  return env;
}
