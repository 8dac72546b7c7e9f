/** The server itself: version, health, and the text analyzer. */
import type { Int64 } from '../int64.js';
import type { MilvusClient } from '../milvus-client.js';
import type { GrpcTimeOut, resStatusResponse } from '../types.js';
import { rpc } from './common.js';

export interface GetVersionResponse extends resStatusResponse {
  /** e.g. `'v2.6.0'`, or `'milvus_lite-3.2.2'`. */
  version: string;
}
export interface CheckHealthResponse extends resStatusResponse {
  isHealthy: boolean;
  reasons: string[];
  quota_states: string[];
}
export interface RunAnalyzerRequest extends GrpcTimeOut {
  /** Analyzer settings (sent as JSON), or those of `field_name` when omitted. */
  analyzer_params?: Record<string, unknown>;
  text: string | string[];
  with_detail?: boolean;
  with_hash?: boolean;
  db_name?: string;
  collection_name?: string;
  field_name?: string;
  analyzer_names?: string[];
}
export interface AnalyzerToken {
  token: string;
  start_offset: Int64;
  end_offset: Int64;
  position: Int64;
  position_length: Int64;
  hash: number;
}
export interface RunAnalyzerResponse extends resStatusResponse {
  results: { tokens: AnalyzerToken[] }[];
}

export const serverMethods = {
  /** The server's version string. Waits for the `Connect` handshake first (its failure is this call's to report). */
  async getVersion(this: MilvusClient, data?: GrpcTimeOut): Promise<GetVersionResponse> {
    await this.connectPromise.catch(() => undefined);
    return rpc(this, 'GetVersion', {}, data);
  },

  /** Whether the server reports itself healthy, and why not. Waits for the `Connect` handshake first. */
  async checkHealth(this: MilvusClient, data?: GrpcTimeOut): Promise<CheckHealthResponse> {
    await this.connectPromise.catch(() => undefined);
    return rpc(this, 'CheckHealth', {}, data);
  },

  /** Runs a text analyzer (tokenizer) on one text or several. */
  async runAnalyzer(this: MilvusClient, data: RunAnalyzerRequest): Promise<RunAnalyzerResponse> {
    const texts = Array.isArray(data.text) ? data.text : [data.text];
    const encoder = new TextEncoder();
    return rpc(this, 'RunAnalyzer', {
      analyzer_params: data.analyzer_params ? JSON.stringify(data.analyzer_params) : '',
      placeholder: texts.map((t) => encoder.encode(String(t))),
      with_detail: data.with_detail ?? false,
      with_hash: data.with_hash ?? false,
      db_name: data.db_name ?? '',
      collection_name: data.collection_name ?? '',
      field_name: data.field_name ?? '',
      analyzer_names: data.analyzer_names ?? [],
    }, data);
  },
};
