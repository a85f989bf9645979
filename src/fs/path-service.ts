// Path-level operations: resolve the path and act, in one transaction, calling the same code
// as the inode-level routes (DESIGN §6). Final symlinks are followed as the POSIX call each
// route mirrors would: stat only with follow (lstat vs stat), chmod/truncate yes, unlink,
// rename and link's `existing` never.
import { fsErr } from '../errno.ts';
import { setAttrs, type AttrChanges } from './attrs.ts';
import { readDirInode, readInode, regularFile, statInode, statOf, type Stat } from './inodes.ts';
import { createEntry, link, readDir, type Caller, type NewEntry, type OpCtx, type ReadDirPage } from './namespace.ts';
import { W_OK, checkAccess, checkCreate, modeAfterWrite } from './permissions.ts';
import { lookupIn, resolveForCreate, resolveParent, resolvePath, splitPath, type ParentAndName } from './paths.ts';
import { detachTree, removeEntry } from './remove.ts';
import { rename, type RenameFlags } from './rename.ts';
import type { FileSystems, Mutation, RequestMeta } from './service.ts';
import { slicesInSwitch, switchContents, type PendingGeneration } from './contents-switch.ts';
import type { Dentry, Inode, Slice } from './model.ts';
import { checkIfMatch, checkIfMatchAbsent, type IfMatch, type Precondition } from './preconditions.ts';
import type { Summary } from './summary.ts';

/** The file a whole-file upload replaces, as found before its body is read. */
export interface Replaced {
  ino: number;
  length: number;
}

/** What a whole-file upload wrote, for its commit (see Slices and switchContents). */
export interface UploadedContents {
  upload: PendingGeneration;
  slices: readonly Slice[];
  length: number;
}

/** A file's whole new contents, small enough to be inline (or empty), and the generation they start. */
export interface SmallContents {
  gen: number;
  bytes: Buffer;
}

/**
 * A small file's replace found this instance holding unflushed writes of the file it replaces:
 * they came first, so the caller settles them and commits again.
 */
export class UnsettledWrites extends Error {
  constructor(readonly ino: number) {
    super(`inode ${ino} has unflushed writes on this instance`);
  }
}

export interface ReplaceOptions {
  /** If-None-Match: * — refuse to replace an existing file (412). */
  ifNoneMatch?: boolean;
  /** If-Match — replace only this version of the file (412 otherwise, or if there is none). */
  precondition?: Precondition;
  /** Permission bits of a new file. */
  mode?: number;
  /** The upload's Content-Type as kept (fs/content-type.ts; undefined = the default). */
  contentType?: string;
}

async function parentOrThrow(c: OpCtx, path: string, rootError: 'EEXIST' | 'EBUSY'): Promise<ParentAndName> {
  const at = await resolveParent(c, path);
  if (!at)
    throw fsErr(
      rootError,
      rootError === 'EEXIST' ? 'the root directory exists' : 'the root directory cannot be changed this way',
    );
  return at;
}

/**
 * What open(O_WRONLY | O_CREAT | O_TRUNC) checks of an upload's target, in Linux's order:
 * EISDIR, If-None-Match (O_EXCL), then write on the file it replaces, or write and search on
 * the directory a new file goes into; If-Match last. Answers the replaced file's inode.
 */
/** Where a whole-file upload lands: its parent and name, the entry there, and the file it replaces (checked). */
async function locateUpload(c: OpCtx, path: string, opts: ReplaceOptions) {
  const at = await resolveForCreate(c, path);
  const d = await lookupIn(c, at.parent, at.name);
  return { at, d, replaced: await checkUploadTarget(c, path, at, d, opts) };
}

/** New contents, new media type: an upload's Content-Type replaces the old one (none: the default). */
function setUploadedType(inode: Inode, contentType: string | undefined): void {
  if (contentType === undefined) delete inode.contentType;
  else inode.contentType = contentType;
}

async function checkUploadTarget(
  c: OpCtx,
  path: string,
  at: ParentAndName,
  d: Dentry | undefined,
  opts: ReplaceOptions,
): Promise<Inode | undefined> {
  if (d?.type === 'dir') throw fsErr('EISDIR', `${JSON.stringify(path)} is a directory`);
  if (d && opts.ifNoneMatch) throw fsErr('EPRECONDITION', `${JSON.stringify(path)} exists (If-None-Match: *)`);
  if (!d) {
    checkCreate(c.caller, await readDirInode(c.tx, c.fs.id, at.parent));
    checkIfMatchAbsent(opts.precondition, JSON.stringify(path));
    return undefined;
  }
  const inode = await readInode(c.tx, c.fs.id, d.ino);
  checkAccess(c.caller, inode, W_OK);
  await checkIfMatch(c, inode, opts.precondition);
  return inode;
}

export class PathOps {
  constructor(private readonly fss: FileSystems) {}

  statPath(fsName: string, caller: Caller, path: string, follow: boolean): Promise<Stat> {
    return this.fss.read(fsName, caller, async (c) => {
      const ino = await resolvePath(c, path, follow);
      return this.fss.seen(c.fs.id, await statInode(c.tx, c.fs.id, await readInode(c.tx, c.fs.id, ino)));
    });
  }

  async setPathAttrs(fsName: string, meta: RequestMeta, path: string, ch: AttrChanges, ifMatch?: IfMatch) {
    const follow = ch.mode !== undefined || ch.size !== undefined;
    if (ch.size !== undefined) {
      // A truncate acts on the inode the path names now (see FileSystems.setInodeAttrs).
      const ino = await this.fss.read(fsName, meta.caller, (c) => resolvePath(c, path, true));
      return this.fss.setInodeAttrs(fsName, meta, ino, ch, ifMatch);
    }
    const precondition = this.fss.precondition(ifMatch);
    return this.fss.mutate(fsName, meta, async (c) =>
      this.fss.seen(c.fs.id, await setAttrs(c, await resolvePath(c, path, follow), ch, { precondition })),
    );
  }

  /** The summary of the directory a path names (a final symlink followed), paged as FileSystems.summary. */
  async pathSummary(
    fsName: string,
    caller: Caller,
    path: string,
    opts: { recursive: boolean; cursor?: string },
  ): Promise<Summary> {
    const ino = await this.fss.read(fsName, caller, (c) => resolvePath(c, path, true));
    return this.fss.summary(fsName, caller, ino, opts);
  }

  listDir(
    fsName: string,
    caller: Caller,
    path: string,
    opts: { limit?: number; cursor?: string; attrs?: boolean },
  ): Promise<ReadDirPage> {
    return this.fss.read(fsName, caller, async (c) => readDir(c, await resolvePath(c, path, true), opts));
  }

  /** Create one entry at `path` (its parent must exist). */
  createAt(fsName: string, meta: RequestMeta, path: string, spec: NewEntry): Promise<Mutation<Stat>> {
    return this.fss.planned(fsName, async (fs) => {
      const overQuota = await this.fss.quota.verdict(fs, 1, 0);
      const ino = await this.fss.inoAllocator(fs).allocate();
      return this.fss.mutate(
        fsName,
        meta,
        async (c) => {
          const at = await parentOrThrow(c, path, 'EEXIST');
          return createEntry(c, at.parent, at.name, spec, ino, { overQuota });
        },
        fs.id,
      );
    });
  }

  /**
   * mkdir -p: one transaction per missing level (like the shell, not atomic as a whole),
   * each one idempotent. Answers the final directory and whether this call created it.
   */
  async makeDirs(
    fsName: string,
    meta: RequestMeta,
    path: string,
    mode?: number,
  ): Promise<{ stat: Stat; created: boolean }> {
    const segments = splitPath(path);
    let result: { stat: Stat; created: boolean } | undefined;
    for (let depth = 1; depth <= segments.length; depth++) {
      const sub = segments.slice(0, depth).join('/');
      const existing = await this.fss.read(fsName, meta.caller, async (c) => {
        const at = await parentOrThrow(c, sub, 'EEXIST');
        const d = await lookupIn(c, at.parent, at.name);
        if (!d) return undefined;
        const ino = await resolvePath(c, sub, true);
        const inode = await readInode(c.tx, c.fs.id, ino);
        if (inode.type !== 'dir')
          throw fsErr(
            depth === segments.length ? 'EEXIST' : 'ENOTDIR',
            `${JSON.stringify(sub)} exists and is not a directory`,
          );
        return statInode(c.tx, c.fs.id, inode);
      });
      if (existing) {
        result = { stat: existing, created: false };
        continue;
      }
      const made = await this.fss
        .planned(fsName, async (fs) => {
          const overQuota = await this.fss.quota.verdict(fs, 1, 0);
          const ino = await this.fss.inoAllocator(fs).allocate();
          return this.fss.mutate(
            fsName,
            { caller: meta.caller },
            async (c) => {
              const at = await parentOrThrow(c, sub, 'EEXIST');
              return createEntry(
                c,
                at.parent,
                at.name,
                { type: 'dir', mode: depth === segments.length ? mode : undefined },
                ino,
                { overQuota },
              );
            },
            fs.id,
          );
        })
        .catch(async (e) => {
          // Lost a race with another mkdir -p: the level exists now, which is fine.
          if ((e as { code?: string }).code !== 'EEXIST') throw e;
          return undefined;
        });
      if (!made) {
        depth--; // re-check this level
        continue;
      }
      result = { stat: made.value, created: true };
    }
    if (!result) {
      return { stat: await this.statPath(fsName, meta.caller, '', true), created: false };
    }
    return result;
  }

  /**
   * Before a whole-file upload (read-only): the file at `path` it would replace, if any (a
   * final symlink is followed, as open(2) does). EISDIR for a directory; EPRECONDITION if
   * `ifNoneMatch` and the file exists.
   */
  findReplaced(fsName: string, caller: Caller, path: string, opts: ReplaceOptions): Promise<Replaced | undefined> {
    return this.fss.read(fsName, caller, async (c) => {
      const { replaced } = await locateUpload(c, path, opts);
      return replaced && { ino: replaced.ino, length: replaced.length };
    });
  }

  /**
   * A whole-file upload's commit, one transaction: the name is created if the file is new,
   * and the inode switches to the uploaded generation. EBUSY if the path names another file
   * than the one the upload was planned for (replaced meanwhile).
   */
  replaceContents(
    fsName: string,
    meta: RequestMeta,
    path: string,
    target: { ino: number; replaced?: Replaced; plannedFsId: number },
    contents: UploadedContents,
    opts: ReplaceOptions,
  ): Promise<Mutation<Stat & { created: boolean }>> {
    return this.fss.mutate(
      fsName,
      meta,
      async (c) => {
        const { at, d, replaced } = await locateUpload(c, path, opts);
        if (d ? d.ino !== target.ino : target.replaced !== undefined) {
          throw fsErr('EBUSY', `${JSON.stringify(path)} was replaced by another file during the upload; retry`);
        }
        if (!d) await createEntry(c, at.parent, at.name, { type: 'file', mode: opts.mode }, target.ino);
        const inode = replaced ?? (await readInode(c.tx, c.fs.id, target.ino));
        inode.mode = modeAfterWrite(c.caller, inode);
        setUploadedType(inode, opts.contentType);
        await switchContents(c, inode, { kind: 'slices', ...contents, inSwitch: slicesInSwitch(this.fss.kv.limits) });
        return { ...statOf(inode), created: !d };
      },
      target.plannedFsId,
    );
  }

  /**
   * A whole-file upload of a small body (at most the filesystem's inlineBytes, or empty): one
   * transaction creates the file as inode `newIno` or replaces whatever file the path names,
   * with the bytes as its inline contents; no object, no intent. `quota` checks the inodes and
   * bytes the upload adds against the filesystem's limits. With `unflushed: 'refuse'`,
   * UnsettledWrites when this instance holds unflushed writes of the file it would replace
   * (they came first: the caller settles them, then commits with 'settled').
   */
  writeSmallFile(
    fsName: string,
    meta: RequestMeta,
    path: string,
    target: { newIno: number; plannedFsId: number; quota: (inodes: number, bytes: number) => void },
    contents: SmallContents,
    opts: ReplaceOptions & { unflushed: 'refuse' | 'settled' },
  ): Promise<Mutation<Stat & { created: boolean }>> {
    return this.fss.mutate(
      fsName,
      meta,
      async (c) => {
        const { at, d, replaced } = await locateUpload(c, path, opts);
        if (d && opts.unflushed === 'refuse' && this.fss.hasUnflushed(c.fs.id, d.ino)) {
          throw new UnsettledWrites(d.ino);
        }
        let inode: Inode;
        if (replaced) {
          inode = regularFile(replaced, JSON.stringify(path));
          inode.mode = modeAfterWrite(c.caller, inode);
          target.quota(0, contents.bytes.length - inode.length);
        } else {
          target.quota(1, contents.bytes.length);
          await createEntry(c, at.parent, at.name, { type: 'file', mode: opts.mode }, target.newIno);
          inode = await readInode(c.tx, c.fs.id, target.newIno);
        }
        setUploadedType(inode, opts.contentType);
        await switchContents(c, inode, { kind: 'inline', ...contents });
        return { ...statOf(inode), created: !d };
      },
      target.plannedFsId,
    );
  }

  deletePath(fsName: string, meta: RequestMeta, path: string, opts: { recursive: boolean; ifMatch?: IfMatch }) {
    const precondition = this.fss.precondition(opts.ifMatch);
    return this.fss.mutate(fsName, meta, async (c) => {
      const at = await parentOrThrow(c, path, 'EBUSY');
      const origin = { path: `/${splitPath(path).join('/')}` }; // what a trash listing shows
      if (opts.recursive) await detachTree(c, at.parent, at.name, { precondition, origin });
      else await removeEntry(c, at.parent, at.name, 'any', { precondition, origin });
      return null;
    });
  }

  renamePath(fsName: string, meta: RequestMeta, from: string, to: string, flags: RenameFlags, ifMatch?: IfMatch) {
    const precondition = this.fss.precondition(ifMatch);
    return this.fss.mutate(fsName, meta, async (c) => {
      const src = await parentOrThrow(c, from, 'EBUSY');
      const dst = await parentOrThrow(c, to, 'EBUSY');
      await rename(c, src.parent, src.name, dst.parent, dst.name, flags, precondition);
      return null;
    });
  }

  createLink(fsName: string, meta: RequestMeta, path: string, existing: string) {
    return this.fss.mutate(fsName, meta, async (c) => {
      const ino = await resolvePath(c, existing, false);
      const at = await parentOrThrow(c, path, 'EEXIST');
      return link(c, ino, at.parent, at.name);
    });
  }
}
