// TypeBox schemas for every request and answer of the REST API (DESIGN §6). They feed
// request validation, response serialization and openapi/openapi.json.
import { Type, type Static } from 'typebox';

const Id = (description: string) => Type.Integer({ minimum: 0, description });
const Time = (description: string) =>
  Type.String({
    description: `${description} (RFC 3339 with nanoseconds)`,
    examples: ['2026-11-24T20:54:44.123456789Z'],
  });

export const FileTypeSchema = Type.Union([Type.Literal('file'), Type.Literal('dir'), Type.Literal('symlink')], {
  description: 'Inode type',
});

export const Attrs = Type.Object(
  {
    ino: Id('Inode number'),
    type: FileTypeSchema,
    mode: Type.Integer({ minimum: 0, maximum: 0o7777, description: 'Permission bits (e.g. 420 = 0644)' }),
    uid: Id('Owner user id'),
    gid: Id('Owner group id'),
    nlink: Id('Number of links (directories: 2 + subdirectories)'),
    length: Id('Size in bytes (directories: 4096; symlinks: target length)'),
    atime: Time('Last access'),
    mtime: Time('Last modification'),
    ctime: Time('Last status change'),
    rdev: Type.Optional(Id('Device number')),
    target: Type.Optional(Type.String({ description: 'Symlink target' })),
    entries: Type.Optional(Id('Directories: number of entries')),
  },
  { description: 'Inode attributes (stat)' },
);
export type AttrsT = Static<typeof Attrs>;

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'POSIX error name, e.g. ENOENT' }),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
);

export const FsInfoSchema = Type.Object(
  {
    id: Id('Filesystem id'),
    name: Type.String(),
    status: Type.Union([Type.Literal('NEW'), Type.Literal('INITED'), Type.Literal('DELETING')]),
    rootIno: Id('Root inode (always 1)'),
    blockSize: Id('Bytes per block object'),
    chunkSize: Id('Bytes per chunk'),
    capacityBytes: Id('Byte quota, 0 = unlimited'),
    inodeQuota: Id('Inode quota, 0 = unlimited'),
    trashDays: Type.Number({ minimum: 0, description: 'Days a removed file stays in the trash' }),
    inlineBytes: Type.Integer({
      minimum: 0,
      description: 'Files up to this many bytes keep their contents in the metadata store; 0 = off',
    }),
    createdAt: Type.String(),
    usage: Type.Optional(Type.Object({ inodes: Type.Integer(), bytes: Type.Integer() })),
  },
  { description: 'A filesystem' },
);

export const CreateFsBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 63, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
    blockSize: Type.Optional(Type.Integer({ minimum: 1, description: 'Power of two, 64 KiB..64 MiB (default 4 MiB)' })),
    chunkSize: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Power of two ≥ blockSize, ≤ 1 GiB (default 64 MiB)' }),
    ),
    capacityBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    inodeQuota: Type.Optional(Type.Integer({ minimum: 0 })),
    trashDays: Type.Optional(Type.Number({ minimum: 0, maximum: 3650 })),
    inlineBytes: Type.Optional(
      Type.Integer({
        minimum: 0,
        description:
          'Files up to this many bytes keep their contents in the metadata store, beside the inode (default 4096; 0 turns it off; at most what one metadata value holds on the engine, else 400 EINVAL)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const FsList = Type.Object({ filesystems: Type.Array(FsInfoSchema) });

export const FsParams = Type.Object({ fs: Type.String({ description: 'Filesystem name' }) });
export const PathParams = Type.Object({
  fs: Type.String({ description: 'Filesystem name' }),
  '*': Type.String({ description: 'Path inside the filesystem, "/"-separated, percent-encoded; empty = root' }),
});
export const InodeParams = Type.Object({
  fs: Type.String({ description: 'Filesystem name' }),
  ino: Type.String({ pattern: '^[0-9]+$', description: 'Inode number' }),
});
export const EntryParams = Type.Object({
  fs: Type.String(),
  ino: Type.String({ pattern: '^[0-9]+$', description: 'Directory inode number' }),
  name: Type.String({ description: 'Entry name' }),
});
export const XattrParams = Type.Object({
  fs: Type.String(),
  ino: Type.String({ pattern: '^[0-9]+$' }),
  name: Type.String({ description: 'Attribute name, e.g. user.comment' }),
});

export const SetAttrsBody = Type.Object(
  {
    mode: Type.Optional(Type.Integer({ minimum: 0, maximum: 0o7777 })),
    uid: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    gid: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    atime: Type.Optional(Type.String({ description: 'RFC 3339 time or "now"' })),
    mtime: Type.Optional(Type.String({ description: 'RFC 3339 time or "now"' })),
    size: Type.Optional(Type.Integer({ minimum: 0, description: 'Truncate or extend to this many bytes' })),
  },
  { additionalProperties: false },
);

export const DirEntrySchema = Type.Object({
  name: Type.String(),
  ino: Id('Inode number'),
  type: FileTypeSchema,
  attrs: Type.Optional(Attrs),
});

export const Listing = Type.Object(
  {
    entries: Type.Array(DirEntrySchema),
    nextCursor: Type.Optional(
      Type.String({ description: 'Pass as cursor for the next page; absent on the last page' }),
    ),
  },
  { description: 'One page of a directory listing, in name (byte) order' },
);

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1000 })),
  cursor: Type.Optional(Type.String({ maxLength: 2048 })),
  attrs: Type.Optional(Type.Boolean({ description: "Include each entry's attributes (readdirplus)" })),
});

export const CreateEntryBody = Type.Object(
  {
    name: Type.String(),
    type: FileTypeSchema,
    mode: Type.Optional(Type.Integer({ minimum: 0, maximum: 0o7777 })),
    uid: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    gid: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    target: Type.Optional(Type.String({ description: 'Symlink target (type symlink only)' })),
  },
  { additionalProperties: false },
);

export const LinkEntryBody = Type.Object(
  { ino: Type.Integer({ minimum: 1, description: 'Inode to link' }) },
  { additionalProperties: false },
);

export const RenameFlagsProps = {
  noReplace: Type.Optional(Type.Boolean({ description: 'Fail with EEXIST if the destination exists' })),
  exchange: Type.Optional(Type.Boolean({ description: 'Atomically swap source and destination' })),
};

export const RenamePathBody = Type.Object(
  { from: Type.String(), to: Type.String(), ...RenameFlagsProps },
  { additionalProperties: false },
);

export const RenameEntryBody = Type.Object(
  {
    parent: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    newParent: Type.Integer({ minimum: 1 }),
    newName: Type.String(),
    ...RenameFlagsProps,
  },
  { additionalProperties: false },
);

export const SymlinkBody = Type.Object({ target: Type.String() }, { additionalProperties: false });
export const LinkBody = Type.Object(
  { existing: Type.String({ description: 'Path of the existing file' }) },
  { additionalProperties: false },
);
export const MakeDirBody = Type.Union([
  Type.Object({ mode: Type.Optional(Type.Integer({ minimum: 0, maximum: 0o7777 })) }, { additionalProperties: false }),
  Type.Null(),
]);

export const XattrList = Type.Object({ names: Type.Array(Type.String()) });
export const Encoding = Type.Union([Type.Literal('base64'), Type.Literal('utf8')], { default: 'base64' });
export const XattrValue = Type.Object({ name: Type.String(), value: Type.String(), encoding: Encoding });
export const SetXattrBody = Type.Object(
  {
    value: Type.String(),
    encoding: Type.Optional(Encoding),
    mode: Type.Optional(Type.Union([Type.Literal('any'), Type.Literal('create'), Type.Literal('replace')])),
  },
  { additionalProperties: false },
);

export const Empty = Type.Null({ description: 'No content' });

export const WriteQuery = Type.Object({
  offset: Type.Integer({ minimum: 0, description: 'File offset of the first byte of the body' }),
  sync: Type.Optional(Type.Boolean({ description: 'Commit before answering (stable: true)' })),
});

export const WriteResultSchema = Type.Object({
  written: Type.Integer({ minimum: 0 }),
  verifier: Type.String({ description: 'Write verifier of the instance that took the write; name it in flushData' }),
  stable: Type.Boolean({
    description: 'True when the bytes are committed; false while they sit in the write-back cache',
  }),
});

export const FlushBody = Type.Object(
  {
    verifiers: Type.Array(Type.String({ maxLength: 64 }), {
      maxItems: 64,
      description: 'Every verifier your unstable writes to this file were answered with since the last flush',
    }),
  },
  { additionalProperties: false },
);

export const FlushResult = Type.Object({
  verifier: Type.String(),
  stable: Type.Literal(true),
});

export const LeaseGrantSchema = Type.Object({
  leaseId: Type.String(),
  token: Type.Integer({ minimum: 1, description: 'Fencing token: send it as X-Lease-Token with writes and flushes' }),
  expiresAt: Type.String({ description: 'When the lease lapses unless renewed' }),
});
export const AcquireLeaseBody = Type.Object(
  { ttlMs: Type.Integer({ minimum: 1000, maximum: 600000, description: 'Lease time to live' }) },
  { additionalProperties: false },
);
export const RenewLeaseBody = Type.Object(
  { leaseId: Type.String({ minLength: 1, maxLength: 64 }), ttlMs: Type.Integer({ minimum: 1000, maximum: 600000 }) },
  { additionalProperties: false },
);
export const LeaseTokenHeader = Type.Object({
  'x-lease-token': Type.Optional(
    Type.String({ pattern: '^[0-9]{1,15}$', description: 'Fencing token of the writer lease, if one is held' }),
  ),
});
