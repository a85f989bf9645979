// Route schemas compiled when a route is first used, not when the app starts. Compiling every
// route's validators (Ajv) and response serializers (fast-json-stringify) is most of a cold
// start's CPU time; an AWS Lambda instance that answers a few routes before it is dropped
// should not pay for all of them. Same compilers, same behaviour, later.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import type { FastifySchemaValidationError as FastifyValidationError } from 'fastify/types/schema.js';
import type { App } from './types.ts';

type Validator = ((data: unknown) => boolean) & { errors?: FastifyValidationError[] | null };

/** A validator that compiles itself on its first call; Fastify reads `.errors` after a failure. */
function validatorOnFirstUse(compile: () => Validator): Validator {
  let fn: Validator | undefined;
  const validate: Validator = (data) => {
    fn ??= compile();
    const result = fn(data);
    validate.errors = fn.errors;
    return result;
  };
  return validate;
}

/**
 * Call after the validator compiler is set and before any route is added (the hook wraps each
 * route's compilers as it is added).
 */
export function compileSchemasOnFirstUse(app: App): void {
  const compileValidator = app.validatorCompiler;
  if (!compileValidator) throw new Error('compileSchemasOnFirstUse: set the validator compiler first');
  let serializers: ReturnType<ReturnType<typeof SerializerSelector>> | undefined;
  const validatorCompiler: FastifySchemaCompiler<unknown> = (route) =>
    validatorOnFirstUse(() => compileValidator(route) as Validator);
  const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
    let fn: ((doc: unknown) => string) | undefined;
    return (doc) => {
      // The shared schemas ($ref targets) are all known once the app is ready.
      serializers ??= SerializerSelector()(app.getSchemas());
      fn ??= serializers(route as never);
      return fn(doc);
    };
  };
  app.addHook('onRoute', (route) => {
    if (!route.schema) return;
    route.validatorCompiler ??= validatorCompiler;
    route.serializerCompiler ??= serializerCompiler;
  });
}
