/**
 * src/proto against protobufjs over every message type the client uses, in Node (with its `Buffer`, which
 * both use where present: for Buffer inputs, for long strings and for empty bytes). See ./differential-suite.ts.
 */
import * as proto from '../../src/proto/index.js';
import { differentialSuite } from './differential-suite.js';
import * as reference from './reference.js';

differentialSuite(proto, reference, 30);
