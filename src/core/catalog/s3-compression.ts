// S3_SINK `compression.codec`: Confluent Cloud names a codec with the output format it is for
// ("AVRO - deflate", "PARQUET - gzip"); a bare codec name is taken for the chosen format too. Our
// connector (jvm/s3-sink) compresses AVRO blocks (`avro.codec`: null, deflate, snappy) and
// PARQUET pages (`parquet.codec`: none, gzip, snappy); other codecs would bring native jars, and
// JSON/BYTES objects are written uncompressed, so those are refused on the key, not ignored.

/** The codecs each output format takes, in our connector's own names. */
const CODECS: Readonly<Record<string, readonly string[]>> = { AVRO: ['deflate', 'snappy', 'null'], PARQUET: ['gzip', 'snappy', 'none'] };
/** What each format's engine key is, and how it spells "no compression". */
const ENGINE_KEYS: Readonly<Record<string, { key: string; none: string }>> = { AVRO: { key: 'avro.codec', none: 'null' }, PARQUET: { key: 'parquet.codec', none: 'none' } };

/** Confluent's spellings of the values we take, for the form's recommended values. */
export const COMPRESSION_CHOICES = ['AVRO - deflate', 'AVRO - snappy', 'PARQUET - gzip', 'PARQUET - snappy', 'PARQUET - none'];

interface Codec { format?: string; codec: string }

function parse(value: string): Codec | undefined {
  const match = /^\s*(?:([A-Za-z_]+)\s*-\s*)?([A-Za-z0-9]+)\s*$/.exec(value);
  if (!match) return undefined;
  return { format: match[1]?.toUpperCase(), codec: match[2]!.toLowerCase() };
}

function outputFormat(config: Readonly<Record<string, string>>): string {
  return (config['output.data.format'] ?? '').trim().toUpperCase() || 'JSON';
}

/** The engine's codec name for a format: "none" and "null" both mean uncompressed. */
function engineCodec(format: string, codec: string): string | undefined {
  const none = ENGINE_KEYS[format]?.none;
  const name = codec === 'none' || codec === 'null' ? none : codec;
  return name !== undefined && CODECS[format]?.includes(name) ? name : undefined;
}

export function compressionProblem(value: string, config: Readonly<Record<string, string>>): string | undefined {
  if (value.trim() === '') return undefined;
  const parsed = parse(value);
  const format = outputFormat(config);
  if (!parsed) return 'Use "<FORMAT> - <codec>", as in "AVRO - deflate" or "PARQUET - gzip"';
  if (parsed.format && parsed.format !== format) return `${value.trim()} is for ${parsed.format} objects; output.data.format is ${format}`;
  if (!CODECS[format]) return `${format} objects are written uncompressed; compression.codec applies to AVRO and PARQUET output`;
  if (!engineCodec(format, parsed.codec)) return `${format} objects take ${CODECS[format]!.filter((c) => c !== ENGINE_KEYS[format]!.none).join(' or ')} (or none) here`;
  return undefined;
}

/** The engine key the codec goes to, for a value that passed compressionProblem; nothing when none is asked. */
export function compressionEngineConfig(config: Readonly<Record<string, string>>): Record<string, string> {
  const parsed = parse(config['compression.codec'] ?? '');
  const format = outputFormat(config);
  const codec = parsed && engineCodec(format, parsed.codec);
  return codec ? { [ENGINE_KEYS[format]!.key]: codec } : {};
}
