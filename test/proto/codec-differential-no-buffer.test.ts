/**
 * src/proto against protobufjs over every message type the client uses, as in a browser: both loaded while
 * there is no global `Buffer`, so both take their non-Node paths (their own UTF-8 writer and reader,
 * `Uint8Array`s for empty bytes). The tests themselves use `Buffer` again afterwards. See ./differential-suite.ts.
 */
const NodeBuffer = globalThis.Buffer;
Reflect.deleteProperty(globalThis, 'Buffer');
const proto = await import('../../src/proto/index.js');
const reference = await import('./reference.js');
const { differentialSuite } = await import('./differential-suite.js');
globalThis.Buffer = NodeBuffer;

if (reference.hasNodeBuffer()) throw new Error('protobufjs found Buffer: this file must load it first');

differentialSuite(proto, reference, 15);
