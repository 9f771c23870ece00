// A store whose answers arrive on a later turn of the event loop, as a networked database's (or
// a busy SQLite's) do. better-sqlite3 answers synchronously, so without this a request's queries
// all resolve before the server reads the next request, and races between requests never show.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export class LaterAnswers implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await new Promise((resolve) => setImmediate(resolve));
    return args.result;
  }
}
