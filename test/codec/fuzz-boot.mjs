// Worker entry for the fuzz test: lets a plain Node worker thread load the TypeScript sources
// (through tsx), then runs the worker module named in `workerData.entry`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
