import type { Compilable, CompiledQuery, DialectAdapter, QueryResult } from 'kysely';
import type { Db } from './schema.js';

/** Where a value goes in a query compiled once: replaced by the call's value of that name. */
class Slot {
  constructor(readonly name: string) {}
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each parameter, the name of the value that fills it, or undefined: a constant of the query. */
  names: Array<string | undefined>;
}

/**
 * A statement of the hot path (a ballot, a check-in, the change log and audit chain every
 * command writes), built and compiled by Kysely once per database and run with each call's
 * values: building and compiling it again on every call cost about a sixth of a ballot's
 * time on the server (CPU profile under the simulator, 500 delegates voting at once).
 * Kysely documents running compiled queries (`db.executeQuery`); this only fills them.
 *
 * `build` receives stand-ins for the values: use each as a plain value (a compared column,
 * an inserted or set value), never to choose the query's shape, and name every inserted or
 * set column in the query itself (the stand-ins have no keys to list). A value may not be
 * `undefined` (Kysely would have left its column out).
 */
export function preparedQuery<V extends object, R>(
  build: (db: Db, values: V) => Compilable<R>,
): (db: Db, values: V) => Promise<QueryResult<R>> {
  // A query per database (SQLite's `?` and PostgreSQL's `$1` differ); a transaction shares
  // its database's adapter.
  const compiled = new WeakMap<DialectAdapter, Compiled<R>>();
  const stand = new Proxy({} as V, { get: (_target, name) => new Slot(String(name)) });
  return async (db, values) => {
    const adapter = db.getExecutor().adapter;
    let entry = compiled.get(adapter);
    if (!entry) {
      const query = build(db, stand).compile();
      entry = { query, names: query.parameters.map((p) => (p instanceof Slot ? p.name : undefined)) };
      compiled.set(adapter, entry);
    }
    const { query, names } = entry;
    const parameters = query.parameters.map((constant, i) => {
      const name = names[i];
      if (name === undefined) return constant;
      const value = (values as Record<string, unknown>)[name];
      if (value === undefined) throw new Error(`preparedQuery: no value for ${name}`);
      return value;
    });
    return db.executeQuery({ ...query, parameters });
  };
}

/** The first row of a prepared query's result, or undefined. */
export async function firstRow<R>(result: Promise<QueryResult<R>>): Promise<R | undefined> {
  return (await result).rows[0];
}
