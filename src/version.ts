// The CirrusFS version, from package.json: one number for /v1/status, the OpenAPI document
// and the start line.
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
