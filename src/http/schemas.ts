// TypeBox schemas for every request and answer of the REST API (DESIGN §6). They feed
// request validation, response serialization and openapi/openapi.json. Schemas made with
// `named()` become components of the OpenAPI document (openapi.ts replaces every inline copy
// with a $ref), so generated SDKs get type names such as Stat, DirEntry and DirPage.
import { Type, type Static, type TSchema } from 'typebox';
import { ERRNO_CODES, type Errno } from '../errno.ts';
import { CONTENT_TYPE_MAX_BYTES, NAME_MAX_BYTES } from '../fs/model.ts';
import { PATH_MAX_BYTES } from '../fs/paths.ts';

/** The key that marks a schema as the OpenAPI component of that name (removed from the document). */
export const COMPONENT_KEY = 'x-cirrus-component';

/** A schema that is one named component of the OpenAPI document. */
export function named<T extends TSchema>(name: string, schema: T): T {
  (schema as Record<string, unknown>)[COMPONENT_KEY] = name;
  return schema;
}

const MAX_INO = Number.MAX_SAFE_INTEGER;
const UINT32_MAX = 4294967295;
export const Ino = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_INO, description, examples: [42] });
export const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Time = (description: string) =>
  Type.String({
    description: `${description} (RFC 3339 with nanoseconds)`,
    examples: ['2026-11-24T20:54:44.123456789Z'],
  });
const Mode = (description: string) =>
  Type.Integer({ minimum: 0, maximum: 0o7777, description: `${description} (e.g. 420 = 0644)`, examples: [420] });

export const FileTypeSchema = named(
  'FileType',
  Type.Union([Type.Literal('file'), Type.Literal('dir'), Type.Literal('symlink')], { description: 'Inode type' }),
);

export const Attrs = named(
  'Stat',
  Type.Object(
    {
      ino: Ino('Inode number'),
      type: FileTypeSchema,
      mode: Mode('Permission bits'),
      uid: Count('Owner user id'),
      gid: Count('Owner group id'),
      nlink: Count('Number of links (directories: 2 + subdirectories)'),
      length: Count('Size in bytes (directories: 4096; symlinks: target length)'),
      atime: Time('Last access'),
      mtime: Time('Last modification'),
      ctime: Time('Last status change'),
      rdev: Type.Optional(Count('Device number')),
      target: Type.Optional(Type.String({ description: 'Symlink target' })),
      entries: Type.Optional(Count('Directories: number of entries')),
      contentType: Type.Optional(
        Type.String({
          description:
            "Regular files: the media type downloads are served as (the upload's Content-Type; application/octet-stream when none was given)",
          examples: ['text/plain; charset=utf-8'],
        }),
      ),
    },
    {
      description: 'Inode attributes, as stat(2) reports them. The answer carries the ETag to send as If-Match.',
      additionalProperties: false,
    },
  ),
);
export type AttrsT = Static<typeof Attrs>;

export const ErrnoCodeSchema = named(
  'ErrnoCode',
  Type.Unsafe<Errno>({
    type: 'string',
    enum: [...ERRNO_CODES],
    description:
      'The error, named as POSIX names it (ENOENT, EEXIST, …). Not POSIX: EPRECONDITION (a failed If-Match, If-None-Match or If-Unmodified-Since), EWRITESLOST (unstable writes lost with the instance that took them), EMEDIATYPE (a request body of a media type the operation does not take), EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C)',
  }),
);

export const Problem = named(
  'Problem',
  Type.Object(
    {
      type: Type.String({
        description: 'A URI naming the error kind',
        examples: ['https://cirrusfs.dev/errors/ENOENT'],
      }),
      title: Type.String({ description: 'The code again, as a short title' }),
      status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status' }),
      code: ErrnoCodeSchema,
      detail: Type.String({ description: 'What went wrong, for people' }),
      instance: Type.Optional(Type.String({ description: 'The request path' })),
      verifier: Type.Optional(Type.String({ description: 'EWRITESLOST: the verifier whose writes were lost' })),
      length: Type.Optional(Count('ERANGE: the length of the file')),
    },
    { additionalProperties: true, description: 'RFC 9457 problem details with a stable POSIX `code`' },
  ),
);

export const FsUsage = named(
  'FsUsage',
  Type.Object(
    { inodes: Count('Inodes in use'), bytes: Count('Bytes of file contents') },
    { additionalProperties: false, description: 'What a filesystem uses' },
  ),
);

export const FsInfoSchema = named(
  'FsInfo',
  Type.Object(
    {
      id: Count('Filesystem id'),
      name: Type.String({ description: 'Filesystem name', examples: ['demo'] }),
      status: Type.Union([Type.Literal('NEW'), Type.Literal('INITED'), Type.Literal('DELETING')], {
        description: 'INITED: in service; DELETING: being purged after a recursive deleteFs',
      }),
      rootIno: Ino('Root inode (always 1)'),
      blockSize: Count('Bytes per block object'),
      chunkSize: Count('Bytes per chunk'),
      capacityBytes: Count('Byte quota, 0 = unlimited'),
      inodeQuota: Count('Inode quota, 0 = unlimited'),
      trashDays: Type.Number({ minimum: 0, description: 'Days a removed file stays in the trash' }),
      inlineBytes: Count('Files up to this many bytes keep their contents in the metadata store; 0 = off'),
      createdAt: Type.String({ description: 'When the filesystem was created (RFC 3339)' }),
      usage: Type.Optional(FsUsage),
    },
    { additionalProperties: false, description: 'A filesystem' },
  ),
);

export const CreateFsBody = named(
  'CreateFsRequest',
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 63, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', examples: ['demo'] }),
      blockSize: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Power of two, 64 KiB..64 MiB (default 4 MiB)' }),
      ),
      chunkSize: Type.Optional(
        Type.Integer({ minimum: 1, description: 'Power of two ≥ blockSize, ≤ 1 GiB (default 64 MiB)' }),
      ),
      capacityBytes: Type.Optional(Type.Integer({ minimum: 0, description: 'Byte quota, 0 = unlimited' })),
      inodeQuota: Type.Optional(Type.Integer({ minimum: 0, description: 'Inode quota, 0 = unlimited' })),
      trashDays: Type.Optional(
        Type.Number({ minimum: 0, maximum: 3650, description: 'Days a removed file stays in the trash (default 1)' }),
      ),
      inlineBytes: Type.Optional(
        Type.Integer({
          minimum: 0,
          description:
            'Files up to this many bytes keep their contents in the metadata store, beside the inode (default 4096; 0 turns it off; at most what one metadata value holds on the engine, else 400 EINVAL)',
        }),
      ),
    },
    { additionalProperties: false, description: 'A new filesystem' },
  ),
);

export const FsList = named(
  'FsList',
  Type.Object({ filesystems: Type.Array(FsInfoSchema) }, { additionalProperties: false }),
);

export const FsName = Type.String({ description: 'Filesystem name', examples: ['demo'] });
export const FsParams = Type.Object({ fs: FsName });

/**
 * The {path} parameter. Fastify's wildcard ("*") is renamed `path` in the document. A
 * generated client percent-encodes "/" as %2F, and the server reads %2F as a separator (no
 * name may contain "/"), so nested paths work through every SDK; "/" alone is the root. The
 * document adds minLength 1 (openapi.ts): the empty path is for hand-written URLs only.
 */
export const PathParams = Type.Object({
  fs: FsName,
  '*': Type.String({
    description: `Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most ${PATH_MAX_BYTES} bytes; names are 1..${NAME_MAX_BYTES} bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)`,
    examples: ['docs/notes/hello.txt'],
  }),
});
export const InodeParams = Type.Object({ fs: FsName, ino: Ino('Inode number (the root is 1)') });
export const EntryParams = Type.Object({
  fs: FsName,
  ino: Ino('Directory inode number (the root is 1)'),
  name: Type.String({ minLength: 1, description: 'Entry name', examples: ['hello.txt'] }),
});
export const XattrParams = Type.Object({
  fs: FsName,
  ino: Ino('Inode number'),
  name: Type.String({ minLength: 1, description: 'Attribute name', examples: ['user.comment'] }),
});

export const SetAttrsBody = named(
  'SetAttrsRequest',
  Type.Object(
    {
      mode: Type.Optional(Mode('chmod: permission bits')),
      uid: Type.Optional(Type.Integer({ minimum: 0, maximum: UINT32_MAX, description: 'chown: owner user id' })),
      gid: Type.Optional(Type.Integer({ minimum: 0, maximum: UINT32_MAX, description: 'chown: owner group id' })),
      atime: Type.Optional(Type.String({ description: 'utimens: RFC 3339 time or "now"' })),
      mtime: Type.Optional(Type.String({ description: 'utimens: RFC 3339 time or "now"' })),
      size: Type.Optional(Type.Integer({ minimum: 0, description: 'truncate: cut or extend to this many bytes' })),
      contentType: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: CONTENT_TYPE_MAX_BYTES,
          description:
            'Regular files: the media type downloads are served as (needs write permission; application/octet-stream is the default)',
          examples: ['text/markdown'],
        }),
      ),
    },
    { additionalProperties: false, description: 'Attribute changes; absent fields stay as they are' },
  ),
);

export const DirEntrySchema = named(
  'DirEntry',
  Type.Object(
    {
      name: Type.String({ description: 'Entry name' }),
      ino: Ino('Inode number'),
      type: FileTypeSchema,
      attrs: Type.Optional(Attrs),
    },
    { additionalProperties: false, description: 'A directory entry; `attrs` with attrs=true (readdirplus)' },
  ),
);

export const Listing = named(
  'DirPage',
  Type.Object(
    {
      entries: Type.Array(DirEntrySchema),
      nextCursor: Type.Optional(
        Type.String({ description: 'Pass as cursor for the next page; absent on the last page' }),
      ),
    },
    { additionalProperties: false, description: 'One page of a directory listing, in name (byte) order' },
  ),
);

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000, description: 'Entries per page' })),
  cursor: Type.Optional(Type.String({ maxLength: 2048, description: 'nextCursor of the previous page' })),
  attrs: Type.Optional(Type.Boolean({ description: "Include each entry's attributes (readdirplus)" })),
});

export const CreateEntryBody = named(
  'CreateEntryRequest',
  Type.Object(
    {
      name: Type.String({ description: 'Name of the new entry', examples: ['notes.txt'] }),
      type: FileTypeSchema,
      mode: Type.Optional(Mode('Permission bits (default 0644 for files, 0755 for directories)')),
      uid: Type.Optional(Type.Integer({ minimum: 0, maximum: UINT32_MAX })),
      gid: Type.Optional(Type.Integer({ minimum: 0, maximum: UINT32_MAX })),
      target: Type.Optional(Type.String({ description: 'Symlink target (type symlink only)' })),
    },
    { additionalProperties: false, description: 'A new file, directory or symlink' },
  ),
);

export const LinkEntryBody = named(
  'LinkEntryRequest',
  Type.Object(
    { ino: Ino('The inode (not a directory) to give another name') },
    { additionalProperties: false, description: 'A hard link' },
  ),
);

export const RenameFlagsProps = {
  noReplace: Type.Optional(Type.Boolean({ description: 'Fail with EEXIST if the destination exists' })),
  exchange: Type.Optional(Type.Boolean({ description: 'Atomically swap source and destination' })),
};

export const RenamePathBody = named(
  'RenamePathRequest',
  Type.Object(
    {
      from: Type.String({ description: 'Path to move', examples: ['docs/hello.txt'] }),
      to: Type.String({ description: 'New path', examples: ['docs/notes/hello.txt'] }),
      ...RenameFlagsProps,
    },
    { additionalProperties: false, description: 'rename(2) by path' },
  ),
);

export const RenameEntryBody = named(
  'RenameEntryRequest',
  Type.Object(
    {
      parent: Ino('Directory that holds the entry'),
      name: Type.String({ description: 'Entry to move' }),
      newParent: Ino('Directory to move it to'),
      newName: Type.String({ description: 'Its new name' }),
      ...RenameFlagsProps,
    },
    { additionalProperties: false, description: 'rename(2) by directory inode and name' },
  ),
);

export const SymlinkBody = named(
  'SymlinkRequest',
  Type.Object(
    { target: Type.String({ description: 'What the link points to', examples: ['docs/hello.txt'] }) },
    { additionalProperties: false, description: 'symlink(2)' },
  ),
);
export const LinkBody = named(
  'LinkRequest',
  Type.Object(
    { existing: Type.String({ description: 'Path of the existing file', examples: ['docs/hello.txt'] }) },
    { additionalProperties: false, description: 'link(2)' },
  ),
);
export const MakeDirBody = named(
  'MakeDirRequest',
  Type.Object(
    { mode: Type.Optional(Mode('Permission bits (default 0755)')) },
    { additionalProperties: false, description: 'Optional settings of the new directory' },
  ),
);

export const XattrList = named(
  'XattrList',
  Type.Object({ names: Type.Array(Type.String()) }, { additionalProperties: false, description: 'listxattr' }),
);
export const Encoding = Type.Union([Type.Literal('base64'), Type.Literal('utf8')], {
  default: 'base64',
  description: 'How `value` is written: base64 (any bytes) or utf8 (text)',
});
export const XattrValue = named(
  'Xattr',
  Type.Object(
    { name: Type.String(), value: Type.String(), encoding: Encoding },
    { additionalProperties: false, description: 'An extended attribute' },
  ),
);
export const SetXattrBody = named(
  'SetXattrRequest',
  Type.Object(
    {
      value: Type.String({ examples: ['first file'] }),
      encoding: Type.Optional(Encoding),
      mode: Type.Optional(
        Type.Union([Type.Literal('any'), Type.Literal('create'), Type.Literal('replace')], {
          description: 'create = XATTR_CREATE (EEXIST if set), replace = XATTR_REPLACE (ENODATA if not)',
        }),
      ),
    },
    { additionalProperties: false, description: 'setxattr' },
  ),
);

export const WriteQuery = Type.Object({
  offset: Type.Integer({ minimum: 0, description: 'File offset of the first byte of the body' }),
  sync: Type.Optional(Type.Boolean({ description: 'Commit before answering (stable: true)' })),
});

export const WriteResultSchema = named(
  'WriteResult',
  Type.Object(
    {
      written: Count('Bytes written'),
      verifier: Type.String({
        description: 'Write verifier of the instance that took the write; name it in flushData',
      }),
      stable: Type.Boolean({
        description: 'True when the bytes are committed; false while they sit in the write-back cache',
      }),
    },
    { additionalProperties: false },
  ),
);

export const FlushBody = named(
  'FlushRequest',
  Type.Object(
    {
      verifiers: Type.Array(Type.String({ maxLength: 64 }), {
        maxItems: 64,
        description: 'Every verifier your unstable writes to this file were answered with since the last flush',
      }),
    },
    { additionalProperties: false },
  ),
);

export const FlushResult = named(
  'FlushResult',
  Type.Object(
    { verifier: Type.String({ description: 'Verifier of the instance that answered' }), stable: Type.Literal(true) },
    { additionalProperties: false },
  ),
);

export const LeaseGrantSchema = named(
  'LeaseGrant',
  Type.Object(
    {
      leaseId: Type.String(),
      token: Type.Integer({
        minimum: 1,
        description: 'Fencing token: send it as X-Lease-Token with writes and flushes',
      }),
      expiresAt: Type.String({ description: 'When the lease lapses unless renewed' }),
    },
    { additionalProperties: false },
  ),
);
export const AcquireLeaseBody = named(
  'AcquireLeaseRequest',
  Type.Object(
    { ttlMs: Type.Integer({ minimum: 1000, maximum: 600000, description: 'Lease time to live' }) },
    { additionalProperties: false },
  ),
);
export const RenewLeaseBody = named(
  'RenewLeaseRequest',
  Type.Object(
    {
      leaseId: Type.String({ minLength: 1, maxLength: 64 }),
      ttlMs: Type.Integer({ minimum: 1000, maximum: 600000, description: 'New time to live, from now' }),
    },
    { additionalProperties: false },
  ),
);
