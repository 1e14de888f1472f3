import { z } from 'zod';

/** The part of JSON Schema that zod emits for the protocol's schemas. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Client → server payloads are read as zod's input (defaults optional), answers as its output. */
export type Direction = 'input' | 'output';

/** Notes for a table's fields, by field name; a note for a field the schema lacks is an error. */
export type FieldNotes = Readonly<Record<string, string>>;

/**
 * Turns zod schemas into Markdown tables. Schemas given a name are described once, in their
 * own section, and linked wherever they occur, so that a Meeting is not spelled out again
 * inside every change that carries one.
 */
export class SchemaText {
  private readonly registry = z.registry<{ id: string }>();

  constructor(named: ReadonlyArray<readonly [string, z.ZodType]>) {
    for (const [name, schema] of named) this.registry.add(schema, { id: name });
  }

  json(schema: z.ZodType, io: Direction): JsonSchema {
    const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', metadata: this.registry }) as JsonSchema;
    // A named schema comes back as a reference to itself: its own section shows its body.
    const body = raw.$ref ? raw.$defs?.[refName(raw.$ref)] : raw;
    if (!body) throw new Error(`no body for ${raw.$ref ?? 'schema'}`);
    return tidy(body) as JsonSchema;
  }

  /**
   * A field table, or for a union one table per variant under its discriminating value. A
   * named schema is a link to its own section, unless this is that section (`own`).
   */
  describe(schema: z.ZodType, io: Direction, notes: FieldNotes = {}, own = false): string {
    const name = this.registry.get(schema)?.id;
    if (name && !own) return `A ${typeOf({ $ref: `#/$defs/${name}` })}.`;
    return describeJson(this.json(schema, io), notes);
  }
}

export function describeJson(s: JsonSchema, notes: FieldNotes = {}): string {
  const variants = s.oneOf ?? s.anyOf;
  if (variants && variants.every((v) => v.type === 'object')) {
    const key = discriminatorOf(variants);
    if (!key) throw new Error('a union of objects without a discriminating field cannot be named');
    return [
      `One of, told apart by \`${key}\`:`,
      ...variants.map((v) => `\`${key}: ${JSON.stringify(v.properties?.[key]?.const)}\`\n\n${fieldTable(v, notes)}`),
    ].join('\n\n');
  }
  if (s.type === 'object' && s.properties) return fieldTable(s, notes);
  return `\`${typeOf(s)}\``;
}

/** The property whose constant value names each variant (`type`, `kind`, `ok`). */
export function discriminatorOf(variants: readonly JsonSchema[]): string | null {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((k) => variants.every((v) => v.properties?.[k]?.const !== undefined)) ?? null;
}

export function fieldTable(s: JsonSchema, notes: FieldNotes = {}, omit: readonly string[] = []): string {
  const properties = s.properties ?? {};
  for (const field of Object.keys(notes))
    if (!(field in properties)) throw new Error(`a note for the field "${field}", which the schema does not have`);
  const entries = Object.entries(properties).filter(([name]) => !omit.includes(name));
  if (entries.length === 0) return '(no fields: send `{}`)';
  const withNotes = Object.keys(notes).length > 0;
  const rows = entries.map(([name, p]) => {
    const required = s.required?.includes(name) ? 'yes' : 'no';
    const def = p.default !== undefined ? ` (default ${JSON.stringify(p.default)})` : '';
    const cells = [`\`${name}\``, `${typeOf(p)}${inlineFields(p)}${def}`, required];
    if (withNotes) cells.push(notes[name] ?? '');
    return `| ${cells.join(' | ')} |`;
  });
  const head = withNotes ? ['field', 'type', 'required', 'notes'] : ['field', 'type', 'required'];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}

/** An unnamed object inside a field (or a list or a nullable of them), spelled out one level deep. */
function inlineFields(p: JsonSchema): string {
  const some = (p.anyOf ?? p.oneOf)?.filter((v) => v.type !== 'null');
  if (some?.length === 1 && some[0]) return inlineFields(some[0]);
  const inner = p.type === 'array' ? p.items : p;
  if (!inner || inner.type !== 'object' || !inner.properties) return '';
  return ` — ${Object.entries(inner.properties)
    .map(([k, v]) => `${k}: ${typeOf(v)}`)
    .join('; ')}`;
}

/** Named schemas described in a section of another name. */
const ANCHORS: Readonly<Record<string, string>> = { ErrorCode: 'error-codes' };

/** One line per type: what an integrator needs, without reading JSON Schema. */
export function typeOf(s: JsonSchema): string {
  if (s.$ref) {
    const name = refName(s.$ref);
    return `[${name}](#${ANCHORS[name] ?? name.toLowerCase()})`;
  }
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeOf).join(' \\| ');
  if (s.type === 'array') {
    const count = range(s.minItems, s.maxItems);
    return `array${count ? ` (${count} items)` : ''} of ${s.items ? typeOf(s.items) : 'any'}`;
  }
  if (s.type === 'object' && s.properties) return `{ ${Object.keys(s.properties).join(', ')} }`;
  if (s.type === 'object' && typeof s.additionalProperties === 'object')
    return `map of ${s.propertyNames ? typeOf(s.propertyNames) : 'string'} → ${typeOf(s.additionalProperties)}`;
  const limits: string[] = [];
  if (s.minLength !== undefined) limits.push(`min ${s.minLength}`);
  if (s.maxLength !== undefined) limits.push(`max ${s.maxLength}`);
  if (s.exclusiveMinimum !== undefined) limits.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) limits.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) limits.push(`≤ ${s.maximum}`);
  if (s.pattern !== undefined) limits.push(`matching \`${s.pattern.replaceAll('|', '\\|')}\``);
  const extra = limits.length ? ` (${limits.join(', ')})` : '';
  const type = Array.isArray(s.type) ? s.type.join(' \\| ') : s.type;
  return `${s.format ?? type ?? 'any'}${extra}`;
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `≥ ${min}`;
  return max !== undefined ? `≤ ${max}` : '';
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Drops what only repeats the obvious (UUID and date regexes, JS's integer limits, $schema). */
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const obj = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(obj)) {
    if (key === '$schema' || key === '$defs') continue;
    if (key === 'pattern' && (obj.format === 'uuid' || obj.format === 'date-time')) continue;
    if ((key === 'maximum' || key === 'minimum') && Math.abs(value as number) === Number.MAX_SAFE_INTEGER) continue;
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = tidy(value);
  }
  return out;
}
