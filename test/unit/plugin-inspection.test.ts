// Kafka's plugin scanner table (ConnectPluginPath list, Kafka 4.1.1) and the check of a plugin's
// declared connector classes against it (issue 9).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidConfig } from '../../src/core/errors.ts';
import { declaresEveryPlugin, parsePluginList, verifyDeclaredConnectors, type DeclaredConnector, type PluginRow } from '../../src/core/plugin-inspection.ts';

const HEADER = 'pluginName\tfirstAlias\tsecondAlias\tpluginVersion\tpluginType\tisLoadable\thasManifest\tpluginLocation';
const LOCATION = '/srv/cirrus/tmp/plugin-x/plugin';
// As printed by the pinned runtime for our Datagen plugin, plus rows of other kinds.
const OUTPUT = [
  HEADER,
  `dev.cirrus.connect.datagen.DatagenSourceConnector\tDatagenSourceConnector\tDatagenSource\t0.1.0\tsource\ttrue\ttrue\t${LOCATION}`,
  `com.example.AuditSink\tAuditSink\tAudit\t2.3.0\tsink\ttrue\tfalse\t${LOCATION}`,
  `com.example.JsonConverter\tJsonConverter\tJson\t2.3.0\tconverter\ttrue\tfalse\t${LOCATION}`,
  `com.example.Broken\tN/A\tN/A\tundefined\tsource\tfalse\ttrue\t${LOCATION}`,
  `com.example.Both\tBoth\tN/A\t1\tconverter\ttrue\tfalse\t${LOCATION}`,
  `com.example.Both\tBoth\tN/A\t1\theader_converter\ttrue\tfalse\t${LOCATION}`,
  '',
  'Total plugins:      \t6',
  'Loadable plugins:   \t5',
  'Compatible plugins: \t1',
  '',
].join('\n');

describe('plugin inspection: the scanner table', () => {
  it('reads every row with its aliases, version, type, loadability and manifest', () => {
    const rows = parsePluginList(OUTPUT);
    assert.equal(rows.length, 6);
    assert.deepEqual(rows[0], {
      className: 'dev.cirrus.connect.datagen.DatagenSourceConnector', aliases: ['DatagenSourceConnector', 'DatagenSource'],
      version: '0.1.0', type: 'source', loadable: true, hasManifest: true, location: LOCATION,
    });
    assert.deepEqual(rows[3]!.aliases, []);
    assert.equal(rows[3]!.loadable, false);
  });

  it('skips what the plugin itself printed while it was scanned', () => {
    const noisy = OUTPUT.replace(`${HEADER}\n`, `${HEADER}\nHello from a static initialiser\n\nmore\tnoise\n`);
    assert.equal(parsePluginList(noisy).length, 6);
  });

  it('reads an empty table (a JAR with no plugin in it)', () => {
    assert.deepEqual(parsePluginList(`${HEADER}\n\nTotal plugins:      \t0\n`), []);
  });

  const broken: Array<[string, string]> = [
    ['no header (another tool version)', 'pluginName\tpluginVersion\n\nTotal plugins: 0\n'],
    ['no totals (cut short)', `${HEADER}\n`],
    ['nothing', ''],
  ];
  for (const [what, output] of broken) {
    it(`an output with ${what} is our failure, not the archive's`, () => {
      assert.throws(() => parsePluginList(output), (err: Error) => !(err instanceof InvalidConfig) && /ConnectPluginPath printed/.test(err.message));
    });
  }
});

describe('plugin inspection: declared connectors against the table', () => {
  const rows = parsePluginList(OUTPUT);
  const classpathRow: PluginRow = { ...rows[0]!, className: 'org.apache.kafka.connect.file.FileStreamSourceConnector', location: 'classpath' };

  it('returns the declared classes in their order, with version and manifest', () => {
    const declared: DeclaredConnector[] = [
      { className: 'com.example.AuditSink', type: 'SINK' },
      { className: 'dev.cirrus.connect.datagen.DatagenSourceConnector', type: 'SOURCE' },
    ];
    assert.deepEqual(verifyDeclaredConnectors(declared, rows), [
      { className: 'com.example.AuditSink', type: 'SINK', version: '2.3.0', hasManifest: false },
      { className: 'dev.cirrus.connect.datagen.DatagenSourceConnector', type: 'SOURCE', version: '0.1.0', hasManifest: true },
    ]);
  });

  const refused: Array<[string, DeclaredConnector, RegExp]> = [
    ['a source declared a sink', { className: 'dev.cirrus.connect.datagen.DatagenSourceConnector', type: 'SINK' }, /is a source connector, not a sink connector/],
    ['a class that is not there', { className: 'com.example.Missing', type: 'SOURCE' }, /com.example.Missing is not in the archive/],
    ['a converter declared a connector', { className: 'com.example.JsonConverter', type: 'SINK' }, /is a converter, not a sink connector/],
    ['a class of two other kinds', { className: 'com.example.Both', type: 'SOURCE' }, /is a converter and a header converter, not a source connector/],
    ['a class that cannot be loaded', { className: 'com.example.Broken', type: 'SOURCE' }, /cannot be loaded/],
    // Issue 9, "Isolation": a plugin is never satisfied by a class the framework ships.
    ['a class only on the framework classpath', { className: 'org.apache.kafka.connect.file.FileStreamSourceConnector', type: 'SOURCE' }, /is not in the archive/],
  ];
  for (const [what, declared, problem] of refused) {
    it(`${what} → InvalidConfig`, () => {
      assert.throws(() => verifyDeclaredConnectors([declared], [...rows, classpathRow]), (err: unknown) => {
        assert.ok(err instanceof InvalidConfig);
        assert.match(err.message, problem);
        assert.deepEqual(Object.keys(err.fields), [declared.className]);
        return true;
      });
    });
  }

  it('reports every problem of a declaration at once', () => {
    const declared: DeclaredConnector[] = [
      { className: 'com.example.Missing', type: 'SOURCE' },
      { className: 'com.example.AuditSink', type: 'SINK' },
      { className: 'com.example.AuditSink2', type: 'SINK' },
    ];
    assert.throws(() => verifyDeclaredConnectors(declared, rows), (err: InvalidConfig) =>
      /Missing is not in the archive.*; com.example.AuditSink2 is not in the archive/.test(err.message)
      && Object.keys(err.fields).length === 2);
  });
});

describe('plugin inspection: may the pool skip the class scan?', () => {
  const rows = parsePluginList(OUTPUT);
  const withManifest = rows.map((row) => ({ ...row, hasManifest: true }));
  const classpathRow: PluginRow = { ...rows[0]!, className: 'org.apache.kafka.connect.json.JsonConverter', location: 'classpath', hasManifest: false };

  it('yes when every plugin of the archive has a ServiceLoader manifest (the framework classpath does not count)', () => {
    assert.equal(declaresEveryPlugin(withManifest), true);
    assert.equal(declaresEveryPlugin([...withManifest, classpathRow]), true);
  });

  it('no when one plugin has none (it would be invisible to service_load), or the archive shows none', () => {
    assert.equal(declaresEveryPlugin(rows), false);
    assert.equal(declaresEveryPlugin([classpathRow]), false);
    assert.equal(declaresEveryPlugin([]), false);
  });
});
