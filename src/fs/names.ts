// Entry names (DESIGN §3.3): 1..255 bytes of UTF-8, no "/", no NUL, not "." or "..".
import { fsErr } from '../errno.ts';
import { NAME_MAX_BYTES } from './model.ts';

export function checkName(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw fsErr('EINVAL', 'a name must not be empty');
  if (name.includes('/')) throw fsErr('EINVAL', `a name must not contain "/": ${JSON.stringify(name)}`);
  if (name.includes('\0')) throw fsErr('EINVAL', 'a name must not contain NUL');
  if (name === '.' || name === '..') throw fsErr('EINVAL', `"${name}" is not a valid entry name`);
  if (!name.isWellFormed()) throw fsErr('EINVAL', 'a name must be valid Unicode');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > NAME_MAX_BYTES) {
    throw fsErr('ENAMETOOLONG', `a name is at most ${NAME_MAX_BYTES} bytes of UTF-8; this one has ${bytes}`);
  }
  return name;
}
