// What never reaches a log line (pino redaction paths): credentials in request headers, and in
// any object a log call is given that carries them.
export const LOG_REDACTIONS = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'headers.authorization',
    'headers.cookie',
    'request.headers.authorization',
    'authorization',
    'token',
  ],
  censor: '[redacted]',
};
