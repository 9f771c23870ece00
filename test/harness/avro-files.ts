// Avro object container files as a reader Cirrus did not write sees them (avsc): the S3 sink's
// AVRO objects are checked with it.
import avro from 'avsc';

export interface Container { schema: { name?: string; fields?: { name: string }[] }; codec: string; values: Record<string, unknown>[] }

/** Reads an Avro object container file with avsc: its writer schema, codec and values. */
export function readContainer(body: Uint8Array): Promise<Container> {
  return new Promise((resolve, reject) => {
    const decoder = new avro.streams.BlockDecoder();
    const found: Container = { schema: {}, codec: '', values: [] };
    decoder.on('metadata', (type: avro.Type, codec: string) => { found.schema = type.schema() as Container['schema']; found.codec = codec; });
    decoder.on('data', (value: Record<string, unknown>) => found.values.push({ ...value }));
    decoder.on('end', () => resolve(found));
    decoder.on('error', reject);
    decoder.end(Buffer.from(body));
  });
}
