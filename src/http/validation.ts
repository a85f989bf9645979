// Request validation. Query strings, path parameters and headers arrive as text, so they are
// coerced to the schema's types (Fastify's defaults). JSON bodies are checked strictly: a
// wrong type or an unknown property is a 400, never silently converted or dropped.
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import type { App } from './types.ts';

// Both packages are CommonJS with `exports.default`; under ESM the export sits one level down.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

function ajv(body: boolean) {
  const instance = new Ajv({
    coerceTypes: body ? false : 'array',
    removeAdditional: !body,
    useDefaults: true,
    allErrors: false, // with allErrors a crafted body can cost a lot of CPU
    strict: false,
  });
  addFormats(instance);
  return instance;
}

export function installValidation(app: App): void {
  const lenient = ajv(false);
  const strict = ajv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema));
}
