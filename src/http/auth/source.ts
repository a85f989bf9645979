// Where the authentication document comes from: a local file (CIRRUS_AUTH_FILE) or an AWS
// Secrets Manager secret (CIRRUS_AUTH_SECRET_ARN, what the Lambda deployment sets). Both are
// read at start and again on reload (SIGHUP).
import { readFile } from 'node:fs/promises';
import { fsErr } from '../../errno.ts';
import type { AuthConfig } from '../../config.ts';
import { parseAuthDocument, type AuthDocument } from './document.ts';

/** A secret larger than Secrets Manager's own limit cannot be ours. */
const SECRET_MAX_BYTES = 64 * 1024;

async function secretText(arn: string): Promise<string> {
  // Loaded only when configured: other deployments never load the SDK client.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const region = /^arn:[^:]+:secretsmanager:([^:]+):/.exec(arn)?.[1];
  const client = new SecretsManagerClient(region ? { region } : {});
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const text = out.SecretString ?? (out.SecretBinary && Buffer.from(out.SecretBinary).toString('utf8'));
    if (!text) throw fsErr('EINVAL', `secret ${arn} holds no text`);
    if (Buffer.byteLength(text) > SECRET_MAX_BYTES) throw fsErr('EINVAL', `secret ${arn} is too large`);
    return text;
  } finally {
    client.destroy();
  }
}

/** Read and check the document the configuration names. */
export async function loadAuthDocument(source: NonNullable<AuthConfig['source']>): Promise<AuthDocument> {
  if (source.kind === 'file') {
    const text = await readFile(source.path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw fsErr('EINVAL', `CIRRUS_AUTH_FILE=${source.path}: ${e.code ?? e.message}`);
    });
    return parseAuthDocument(text, `CIRRUS_AUTH_FILE=${source.path}`);
  }
  return parseAuthDocument(await secretText(source.arn), `CIRRUS_AUTH_SECRET_ARN=${source.arn}`);
}
