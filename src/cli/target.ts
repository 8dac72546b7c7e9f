/**
 * The target collection: described when it exists, created with the quick setup (`--create`) when it
 * does not, its dimension from `--dim` or from the data.
 */
import type { DescribedSchema } from '../client/describe.js';
import type { MilvusClient } from '../client/milvus-client.js';
import type { IngestCommand } from './args.js';
import { UsageError } from './errors.js';
import type { SourceReader } from './readers/types.js';

/** The collection's schema, creating the collection first when asked. Throws `UsageError` when it is missing. */
export async function targetSchema(client: MilvusClient, cmd: IngestCommand, reader: SourceReader, log: (line: string) => void): Promise<DescribedSchema> {
  const { value: exists } = await client.hasCollection({ collection_name: cmd.collection });
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
  } else if (cmd.dim !== undefined) {
    const { schema } = await client.describeCollection({ collection_name: cmd.collection });
    const vector = schema.fields.find((f) => f.name === cmd.vectorField);
    if (vector?.dim !== undefined && vector.dim !== cmd.dim) throw new UsageError(`--dim ${cmd.dim}: field "${cmd.vectorField}" of collection "${cmd.collection}" has dim ${vector.dim}`);
  }
  return (await client.describeCollection({ collection_name: cmd.collection })).schema;
}
