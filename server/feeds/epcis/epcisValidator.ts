import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** One problem found in an EPCIS document: where (JSON pointer) and what. */
export interface EpcisProblem {
  path: string;
  message: string;
}

/** Outcome of validating an EPCIS document or event. */
export type EpcisValidation = { ok: true } | { ok: false; problems: EpcisProblem[] };

// ajv-formats is CommonJS; under ESM interop its default export arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let compiled: ValidateFunction | null = null;

/**
 * The vendored official EPCIS 2.0 JSON Schema (see schema/SOURCE.txt). Resolved from this module's
 * own location, not the working directory, so the server finds it from any cwd, run via tsx.
 */
export const EPCIS_SCHEMA_PATH = fileURLToPath(new URL('./schema/EPCIS-JSON-Schema.json', import.meta.url));

/**
 * The official EPCIS 2.0 JSON Schema (draft-07), read from the vendored copy and
 * compiled once per process. `uri` also accepts JSON-LD blank node ids (`_:document1`): the
 * official example `simple-context_Example_9.6.1-ObjectEvent.jsonld` uses one as document id,
 * which JSON-LD allows and the schema's plain `uri` format does not.
 */
function schemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(readFileSync(EPCIS_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    const why =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : `is unreadable (${String(err)})`;
    throw new Error(
      `the EPCIS schema ${EPCIS_SCHEMA_PATH} ${why}; it ships with bintwin, restore it from the repository`,
      { cause: err },
    );
  }
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const uri = ajv.formats['uri'];
  const uriTest =
    uri instanceof RegExp
      ? (s: string) => uri.test(s)
      : typeof uri === 'function'
        ? (uri as (s: string) => boolean)
        : typeof uri === 'object' && uri !== null && 'validate' in uri
          ? (s: string) =>
              (uri.validate as RegExp | ((x: string) => boolean)) instanceof RegExp
                ? (uri.validate as RegExp).test(s)
                : (uri.validate as (x: string) => boolean)(s)
          : () => true;
  ajv.addFormat('uri', (s: string) => /^_:\S+$/.test(s) || uriTest(s));
  compiled = ajv.compile(schema);
  return compiled;
}

/** Compiles the schema now (start-up), so a missing or broken schema fails before serving. */
export function loadEpcisSchema(): void {
  schemaValidator();
}

/** Validates an EPCIS document (or a bare event wrapped by the caller) against the schema and the rules it omits. */
export function validateEpcisDocument(doc: unknown): EpcisValidation {
  const validate = schemaValidator();
  const problems: EpcisProblem[] = [];
  if (!validate(doc)) problems.push(...readable(validate.errors ?? []));
  problems.push(...extraChecks(doc));
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** The events of a document that passed validation (EPCISDocument body or query document results). */
export function eventsOf(doc: unknown): Record<string, unknown>[] {
  const d = doc as {
    epcisBody?: { eventList?: unknown; queryResults?: { resultsBody?: { eventList?: unknown } } };
  };
  const list = d.epcisBody?.eventList ?? d.epcisBody?.queryResults?.resultsBody?.eventList;
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

/** Rules the schema cannot express: AggregationEvent ADD/DELETE must name the parent. */
function extraChecks(doc: unknown): EpcisProblem[] {
  const out: EpcisProblem[] = [];
  const base = (doc as { epcisBody?: { eventList?: unknown } }).epcisBody?.eventList
    ? '/epcisBody/eventList'
    : '/epcisBody/queryResults/resultsBody/eventList';
  eventsOf(doc).forEach((e, i) => {
    if (e === null || typeof e !== 'object') return;
    if (e['type'] === 'AggregationEvent' && (e['action'] === 'ADD' || e['action'] === 'DELETE')) {
      if (typeof e['parentID'] !== 'string' || e['parentID'] === '')
        out.push({
          path: `${base}/${i}/parentID`,
          message: `an AggregationEvent with action ${String(e['action'])} must have a parentID`,
        });
    }
  });
  return out;
}

/** ajv errors as path + reason, without the noise of failed `if/then` wrappers and duplicates. */
function readable(errors: ErrorObject[]): EpcisProblem[] {
  const seen = new Set<string>();
  const out: EpcisProblem[] = [];
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    let message = e.message ?? e.keyword;
    if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      message += allowed.length <= 12 ? ` (${allowed.map(String).join(', ')})` : '';
    }
    if (e.keyword === 'additionalProperties')
      message += `: "${String((e.params as { additionalProperty?: unknown }).additionalProperty)}"`;
    if (e.keyword === 'required')
      message = `missing required property "${String((e.params as { missingProperty?: unknown }).missingProperty)}"`;
    const path = e.instancePath || '/';
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
