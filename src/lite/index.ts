/**
 * Embedded Milvus Lite: runs the `milvus-lite` Python server as a child process on a free loopback
 * port, with a project-managed Python venv created on first use.
 */
export { startMilvusLite, type MilvusLiteOptions, type MilvusLiteServer } from './launcher.js';
export { ensurePythonEnv, managedVenvDir, type PythonEnv, type PythonEnvOptions } from './python-env.js';
