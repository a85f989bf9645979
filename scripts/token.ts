// `npm run token -- --subject NAME --uid N --gid N [--groups 10,20] [--scope FS:SCOPE …]`:
// make a static bearer token. Prints the token (give it to the client; it is shown once) and
// the entry for the authentication document, which holds only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';

const { values } = parseArgs({
  options: {
    subject: { type: 'string' },
    uid: { type: 'string' },
    gid: { type: 'string' },
    groups: { type: 'string', default: '' },
    scope: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.subject || values.uid === undefined || values.gid === undefined) {
  console.error(
    'usage: npm run token -- --subject NAME --uid N --gid N [--groups 10,20] [--scope FS:read|write|admin …]',
  );
  process.exit(2);
}
const scopes: Record<string, string[]> = {};
for (const s of values.scope) {
  const at = s.lastIndexOf(':');
  const fs = s.slice(0, at);
  scopes[fs] = [...(scopes[fs] ?? []), s.slice(at + 1)];
}
const token = `cfs_${randomBytes(32).toString('base64url')}`;
const entry = {
  subject: values.subject,
  sha256: createHash('sha256').update(token).digest('hex'),
  uid: Number(values.uid),
  gid: Number(values.gid),
  groups: values.groups ? values.groups.split(',').map(Number) : [],
  scopes,
};
console.log(
  `token (shown once): ${token}\n\n# add under "keys:" in the authentication document\n${stringify([entry])}`,
);
