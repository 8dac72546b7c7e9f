/**
 * The target collection: described when it exists, created with the quick setup (`--create`) when it
 * does not, its dimension from `--dim` or from the data.
 */
import type { CollectionSchema } from '../client/describe.js';
import type { MilvusClient } from '../client/milvus-client.js';
import { throwIfFailed } from '../client/status.js';
import type { IngestCommand } from './args.js';
import { UsageError } from './errors.js';
import type { SourceReader } from './readers/types.js';

/** Milvus' code for "collection not found". */
const COLLECTION_NOT_FOUND = 100;

/** The collection's schema, creating the collection first when asked. Throws `UsageError` when it is missing. */
export async function targetSchema(client: MilvusClient, cmd: IngestCommand, reader: SourceReader, log: (line: string) => void): Promise<CollectionSchema> {
  // Exists, or does not (Milvus' code 100); any other refusal is an error, not a reason to create it.
  const described = await client.describeCollection({ collection_name: cmd.collection });
  const exists = described.status.code === 0 && described.status.error_code === 'Success';
  if (!exists && described.status.code !== COLLECTION_NOT_FOUND) throwIfFailed('DescribeCollection', described.status);
  if (!exists) {
    if (!cmd.create) throw new UsageError(`collection "${cmd.collection}" does not exist: pass --create to create it (with --dim, or the dimension found in the data)`);
    const probe = await reader.probe();
    const dim = cmd.dim ?? probe.dim;
    if (dim === undefined) {
      throw new UsageError(`--create: cannot tell the vector dimension from the data (no "${cmd.vectorField}" array in the first row): pass --dim or --vector-field`);
    }
    const autoId = !probe.fields.includes(cmd.idField);
    await client.createCollection({
      collection_name: cmd.collection,
      dimension: dim,
      primary_field_name: cmd.idField,
      vector_field_name: cmd.vectorField,
      auto_id: autoId,
      id_type: probe.stringIds ? 'VarChar' : 'Int64',
    });
    log(`created collection "${cmd.collection}": ${cmd.idField} (${probe.stringIds ? 'VarChar' : 'Int64'}${autoId ? ', auto_id' : ''}), ${cmd.vectorField} (FloatVector, dim ${dim}), dynamic fields on`);
    const created = await client.describeCollection({ collection_name: cmd.collection });
    throwIfFailed('DescribeCollection', created.status);
    return created.schema;
  }
  const vector = described.schema.fields.find((f) => f.name === cmd.vectorField);
  if (cmd.dim !== undefined && vector?.dim !== undefined && Number(vector.dim) !== cmd.dim) {
    throw new UsageError(`--dim ${cmd.dim}: field "${cmd.vectorField}" of collection "${cmd.collection}" has dim ${vector.dim}`);
  }
  return described.schema;
}
