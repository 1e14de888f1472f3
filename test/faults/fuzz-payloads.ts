import fc from 'fast-check';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { z } from 'zod';
import { hasPrototypeKey } from '../../shared/protocol/index.js';

/**
 * Malformed payloads, made by bending a well-formed one: a field dropped, retyped, made huge
 * or nested thousands deep, a field added (also `__proto__`), the whole payload replaced.
 * The values come from fast-check's arbitraries, sampled with a seed (a failure is replayed
 * by the seed the test prints).
 */
export type Mutation =
  | { kind: 'drop'; at: number }
  | { kind: 'retype'; at: number; value: unknown }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'huge'; at: number; length: number; unit: string }
  | { kind: 'deep'; at: number; depth: number; arrays: boolean }
  | { kind: 'root'; value: unknown }
  | { kind: 'binary'; at: number; bytes: Uint8Array };

const SPECIAL: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0041',
  'null',
  '[object Object]',
  '💥'.repeat(20),
  'a\u0301'.repeat(50),
  '\t\r\n',
  "'; DROP TABLE users; --",
  '../../../../etc/passwd',
  '%00%ff',
  '${process.exit(1)}',
  '{{constructor.constructor("return process")()}}',
  [],
  {},
  [null],
  { length: 1e9 },
  { toString: 'x', valueOf: 1 },
  { $gt: '' },
  { type: 'Buffer', data: [1, 2, 3] },
  { _placeholder: true, num: 0 },
  new Date(0),
  Number.NaN,
  Number.POSITIVE_INFINITY,
];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL), weight: 4 },
  {
    arbitrary: fc.anything({
      maxDepth: 3,
      maxKeys: 6,
      withDate: true,
      withNullPrototype: true,
      withSparseArray: true,
      withObjectString: true,
      withBoxedValues: true,
    }),
    weight: 4,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
);

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'commandId ', 'ID'];

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: junk }),
  fc.record({
    kind: fc.constant('extra' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 20 })),
    value: junk,
  }),
  fc.record({
    kind: fc.constant('huge' as const),
    at: fc.nat(),
    length: fc.integer({ min: 500, max: 6000 }),
    unit: fc.constantFrom('x', 'ệ', '\u0000', '💥', ' '),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    at: fc.nat(),
    depth: fc.integer({ min: 33, max: 400 }),
    arrays: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('root' as const), value: junk }),
  fc.record({ kind: fc.constant('binary' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
);

/** Sets an own property, `__proto__` included (plain assignment would set the prototype). */
function setOwn(target: object, key: string, value: unknown): void {
  // An array's length is no key JSON can carry (and cannot be redefined): nothing to bend.
  if (Array.isArray(target) && key === 'length') return;
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nest(depth: number, arrays: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
}

/** Arrays and plain objects: what JSON makes, and all the bends write into. */
function isPlain(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return Array.isArray(v) || proto === Object.prototype || proto === null;
}

/** A copy of a sampled value, so that bending the payload never bends the sample (or SPECIAL). */
function fresh(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Every (container, key) of a value, depth first, and every container. */
function places(value: unknown): { slots: Array<[Record<string, unknown>, string]>; containers: object[] } {
  const slots: Array<[Record<string, unknown>, string]> = [];
  const containers: object[] = [];
  const walk = (v: unknown) => {
    if (!isPlain(v)) return;
    containers.push(v);
    for (const key of Object.keys(v)) {
      slots.push([v as Record<string, unknown>, key]);
      walk((v as Record<string, unknown>)[key]);
    }
  };
  walk(value);
  return { slots, containers };
}

/** A deep copy of a template (plain JSON data). */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function mutate(template: unknown, mutations: readonly Mutation[]): unknown {
  let value: unknown = copy(template);
  for (const m of mutations) {
    if (m.kind === 'root') {
      value = fresh(m.value);
      continue;
    }
    const { slots, containers } = places(value);
    if (m.kind === 'extra') {
      const target = containers.length > 0 ? containers[m.at % containers.length] : null;
      if (target) setOwn(target, m.key, fresh(m.value));
      else value = { [m.key]: m.value };
      continue;
    }
    const slot = slots.length > 0 ? slots[m.at % slots.length] : undefined;
    if (!slot) {
      value = m.kind === 'drop' ? undefined : { x: value };
      continue;
    }
    const [parent, key] = slot;
    if (m.kind === 'drop') {
      if (Array.isArray(parent) && /^\d+$/.test(key)) {
        // By hand: splice would consult a `constructor` key a bend may have put on the array.
        const list = parent as unknown[];
        for (let k = Number(key); k < list.length - 1; k++) list[k] = list[k + 1];
        list.length -= 1;
      } else delete parent[key];
    } else if (m.kind === 'retype') parent[key] = fresh(m.value);
    else if (m.kind === 'huge') parent[key] = m.unit.repeat(m.length);
    else if (m.kind === 'deep') parent[key] = nest(m.depth, m.arrays);
    else parent[key] = Buffer.from(m.bytes);
  }
  return value;
}

/**
 * What the server receives for `payload` sent as `event` with an acknowledgement: the packet
 * Socket.IO's encoder makes of it (JSON, binary attachments apart), decoded as the server does,
 * and the size of its largest frame; null for a payload the client library cannot encode, or
 * that Socket.IO's parser would refuse.
 */
export function overTheWire(event: string, payload: unknown): { received: unknown; largestFrame: number } | null {
  const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: [event, payload], id: 1 };
  let parts: Array<string | Uint8Array>;
  try {
    parts = new Encoder().encode(packet) as Array<string | Uint8Array>;
  } catch {
    // The client library cannot send it (a Date put in as `__proto__` of a binary packet).
    return null;
  }
  let received: unknown;
  const decoder = new Decoder();
  decoder.on('decoded', (p: Packet) => {
    received = (p.data as unknown[])[1];
  });
  let largestFrame = 0;
  try {
    for (const part of parts) {
      largestFrame = Math.max(
        largestFrame,
        typeof part === 'string' ? Buffer.byteLength(part) + 1 : part.byteLength + 1,
      );
      decoder.add(part);
    }
  } catch {
    // Socket.IO's parser refuses it (a literal placeholder beside real attachments): the
    // server would close the connection. The raw-frame lane sends such packets.
    return null;
  } finally {
    decoder.destroy();
  }
  return { received, largestFrame };
}

/** Whether the server's rules refuse this payload: a `__proto__` key, too deep, or its schema. */
export function refusedBy(schema: z.ZodType | null, received: unknown): boolean {
  return schema === null || hasPrototypeKey(received) || !schema.safeParse(received).success;
}

/** `count` mutation lists, one to three each, from the seed. */
export function sampleMutations(seed: number, count: number): Mutation[][] {
  return fc.sample(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), { seed, numRuns: count });
}
