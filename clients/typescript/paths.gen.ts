export interface paths {
    "/v1/fs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List filesystems
         * @description Every filesystem, including those being deleted (status DELETING).
         */
        get: operations["listFs"];
        put?: never;
        /**
         * Create a filesystem
         * @description Creates an empty filesystem (its root directory is inode 1). Block and chunk sizes are fixed for its life; quotas of 0 mean unlimited. 409 EEXIST if the name is taken.
         */
        post: operations["createFs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A filesystem with its usage
         * @description The filesystem and what it uses (inodes, bytes), as counted at the last change.
         */
        get: operations["getFs"];
        put?: never;
        post?: never;
        /**
         * Delete a filesystem (must be empty unless recursive)
         * @description An empty filesystem is deleted at once (204). With recursive=true a non-empty one is renamed to NAME~deleting~ID~SECONDS and marked DELETING in one step (202, answering it under that name): the name is free for a new filesystem at once, and the sweeper purges the old one in bounded batches. Otherwise 409 ENOTEMPTY.
         */
        delete: operations["deleteFs"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/attrs/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * stat a path (lstat unless follow=true)
         * @description The attributes of what the path names; a final symlink is followed only with follow=true. Answers carry an ETag (send it as If-Match to setPathAttrs) and honour If-None-Match / If-Modified-Since (304) and If-Match / If-Unmodified-Since (412).
         */
        get: operations["statPath"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * stat a path (lstat unless follow=true)
         * @description The attributes of what the path names; a final symlink is followed only with follow=true. Answers carry an ETag (send it as If-Match to setPathAttrs) and honour If-None-Match / If-Modified-Since (304) and If-Match / If-Unmodified-Since (412).
         */
        head: operations["headPath"];
        /**
         * chmod, chown, utimens, truncate by path
         * @description Changes the given attributes in one transaction. chmod and truncate follow a final symlink (as chmod(2) and truncate(2) do); chown and utimens act on the link itself. If-Match with the ETag of statPath refuses a stale change (412).
         */
        patch: operations["setPathAttrs"];
        trace?: never;
    };
    "/v1/fs/{fs}/dirs/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * list a directory ("/" is the root)
         * @description One page of entries in name (byte) order; pass nextCursor as cursor for the next page. attrs=true adds each entry's attributes (readdirplus). "/" (sent as %2F), the empty path and /v1/fs/{fs}/dirs all list the root.
         */
        get: operations["listDir"];
        /**
         * mkdir (parents=true: mkdir -p)
         * @description Creates the directory (201); its parent must exist (404) unless parents=true, which creates the missing ones and answers 200 when the directory already exists. The body is optional.
         */
        put: operations["makeDir"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rename(2) by path: replace, noReplace, exchange
         * @description Moves `from` to `to` atomically, replacing what `to` names (an empty directory, or a non-directory) as rename(2) does; noReplace refuses an existing `to` (409 EEXIST); exchange swaps the two. A directory cannot move into its own subtree (400 EINVAL). If-Match renames only while `from` names the inode with that ETag (412, nothing changed, otherwise).
         */
        post: operations["renamePath"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/symlinks/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * symlink(2)
         * @description Creates a symbolic link at the path pointing to `target` (any text without NUL: relative to the link, or absolute from the filesystem root). The Location is the new inode.
         */
        put: operations["createSymlink"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/links/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * link(2): a hard link at path to existing
         * @description Gives the inode `existing` names another name (a final symlink in `existing` is not followed, as link(2)). Directories cannot be hard-linked (403 EPERM). The Location is the inode.
         */
        put: operations["createLink"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/files/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * read a file, whole or by Range
         * @description Streams the file's contents (a final symlink is followed). Range with one byte range answers 206 (past the end: 416); an If-Range that no longer matches answers 200 with the whole file, so a resumed download never mixes two versions. If-None-Match / If-Modified-Since answer 304, If-Match / If-Unmodified-Since 412.
         */
        get: operations["downloadFile"];
        /**
         * write a whole file from the streamed body (creates or replaces)
         * @description The body is streamed into block objects; the file switches to the new contents atomically when the upload completes (201 when created, 200 when replaced). If-None-Match: * refuses to replace an existing file (412); If-Match replaces only the version with that ETag (412, nothing changed, if it is another or there is no file). The request's Content-Type becomes the file's contentType attribute, served on download (none: application/octet-stream). The body is stored as sent: a Content-Encoding other than identity answers 415 EMEDIATYPE. parents=true creates missing directories. A final symlink is followed (open(2) with O_CREAT).
         */
        put: operations["uploadFile"];
        post?: never;
        /**
         * unlink a file or symlink, rmdir an empty directory, or (recursive=true) remove a tree
         * @description Removes the name (a final symlink is removed, not followed). A non-empty directory needs recursive=true (else 409 ENOTEMPTY): the tree is detached atomically and its contents are purged in the background. Removed files wait in the trash for the filesystem's trashDays. The root cannot be removed (423 EBUSY). If-Match removes the name only while what it names has that ETag (412, nothing changed, otherwise).
         */
        delete: operations["deletePath"];
        options?: never;
        /**
         * the headers of a download, without the contents
         * @description Length, ETag and Last-Modified of the file, with the preconditions of downloadFile.
         */
        head: operations["headFile"];
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * read a file by inode, whole or by Range
         * @description Reads see this instance's unflushed writes, and after a flush on any instance, everything it covered. Range with one byte range answers 206 (past the end: 416); an If-Range that no longer matches answers 200 with the whole file, so a resumed download never mixes two versions. If-None-Match / If-Modified-Since answer 304, If-Match / If-Unmodified-Since 412.
         */
        get: operations["readData"];
        /**
         * write the streamed body at ?offset (unstable unless sync=true)
         * @description Writes the body at the offset, extending the file as needed. The answer's verifier names the instance that took the write: stable=false means the bytes sit in its write-back cache until a flush (flushData, naming the verifier) commits them. sync=true commits before answering. If-Match takes the write only while the file has that ETag as this instance sees it (412, nothing written, otherwise); every write changes the ETag (headData answers the new one). The body is stored as sent: a Content-Encoding other than identity answers 415 EMEDIATYPE.
         */
        put: operations["writeData"];
        post?: never;
        delete?: never;
        options?: never;
        /**
         * the headers of readData, without the contents
         * @description Length (including this instance's unflushed writes), ETag and Last-Modified, with the preconditions of readData.
         */
        head: operations["headData"];
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/flush": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * fsync: commit cached writes of the file, checking write verifiers
         * @description Makes every instance holding unflushed writes of the file commit them, then answers. Fails with 409 EWRITESLOST (naming the verifier) if writes answered with a verifier in the list were lost because the instance that took them restarted or died; resend them. While another writer holds the lease: 423 EBUSY. If-Match flushes only while the file has that ETag as this instance sees it (412, nothing committed, otherwise).
         */
        post: operations["flushData"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/lease": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * extend a writer lease by ttlMs from now
         * @description Renews a lease this writer holds (404 ENOENT once it lapsed and was taken or released).
         */
        put: operations["renewLease"];
        /**
         * take the exclusive writer lease of a file
         * @description While it is held, writes and flushes without its token answer 423 EBUSY. The token only grows; once a newer one is issued, an older one never commits again. The server never renews a lease by itself. The Location is the lease (renewLease, releaseLease).
         */
        post: operations["acquireLease"];
        /**
         * give a writer lease up
         * @description Releases the lease (404 ENOENT if it is not held); the next writer gets a larger token.
         */
        delete: operations["releaseLease"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * start a direct upload of a byte range of a file: presigned PUT URLs for its blocks
         * @description Records an upload intent naming the block objects of [offset, offset + length), then answers a presigned PUT URL per block (the Location is the upload: abortUpload). PUT each block straight to S3 (in any order, in parallel) with the listed headers and a body of exactly its length, then commitUpload. The lease token (X-Lease-Token) is checked now and again at the commit. An upload neither committed nor aborted is deleted by the sweeper when its intent expires. 501 ENOSYS when the object store is not S3.
         */
        post: operations["createUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/uploads/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * createUpload for an existing file by path
         * @description Records an upload intent naming the block objects of [offset, offset + length), then answers a presigned PUT URL per block (the Location is the upload: abortUpload). PUT each block straight to S3 (in any order, in parallel) with the listed headers and a body of exactly its length, then commitUpload. The lease token (X-Lease-Token) is checked now and again at the commit. An upload neither committed nor aborted is deleted by the sweeper when its intent expires. 501 ENOSYS when the object store is not S3. A final symlink is followed; the answer names the inode: commit and abort by inode.
         */
        post: operations["createPathUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/uploads/{upload}/commit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * commit a direct upload whose blocks were PUT
         * @description Checks every block object (size; the checksum its URL was signed with), then commits the slices in one transaction that compares the writer lease token (X-Lease-Token), as flushData does. Missing or wrong blocks: 400 EINVAL naming them in `missing` and `rejected` (rejected blocks are deleted: PUT them again, then commit again). A stale or foreign lease (423 EBUSY) or a removed file (404) ends the upload and deletes its objects. With an Idempotency-Key, a retried commit answers as the first one did.
         */
        post: operations["commitUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/uploads/{upload}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * abort a direct upload: its blocks are deleted
         * @description The upload can no longer be committed (404 ENOENT if it was committed, aborted or expired already). A PUT still in flight that lands later is deleted by the sweeper once the URLs have expired.
         */
        delete: operations["abortUpload"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/download-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * presigned ranged GETs for a byte range of a file
         * @description The read plan of the range: pieces in file order, each a presigned GET URL with the object range to ask for (Range header), or a hole that reads as zeros. This instance's unflushed writes of the file are committed first, so the plan shows what a read through it would. A URL answering 404 means the file was replaced and its old contents purged since: ask for a new plan. 501 ENOSYS when the object store is not S3.
         */
        get: operations["getDownloadPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/download-plans/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * getDownloadPlan by path
         * @description The read plan of the range: pieces in file order, each a presigned GET URL with the object range to ask for (Range header), or a hole that reads as zeros. This instance's unflushed writes of the file are committed first, so the plan shows what a read through it would. A URL answering 404 means the file was replaced and its old contents purged since: ask for a new plan. 501 ENOSYS when the object store is not S3. A final symlink is followed.
         */
        get: operations["getPathDownloadPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * getattr
         * @description The attributes of an inode, with its ETag (send it as If-Match to setInodeAttrs). If-None-Match / If-Modified-Since answer 304, If-Match / If-Unmodified-Since 412.
         */
        get: operations["getInode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        /**
         * getattr
         * @description The attributes of an inode, with its ETag (send it as If-Match to setInodeAttrs). If-None-Match / If-Modified-Since answer 304, If-Match / If-Unmodified-Since 412.
         */
        head: operations["headInode"];
        /**
         * setattr: chmod, chown, utimens, truncate
         * @description Changes the given attributes in one transaction. Honours If-Match with the ETag from getInode (412 EPRECONDITION when it is not current).
         */
        patch: operations["setInodeAttrs"];
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * readdir / readdirplus with cursor paging
         * @description One page of a directory's entries in name (byte) order; pass nextCursor as cursor for the next page. attrs=true adds each entry's attributes.
         */
        get: operations["readDir"];
        put?: never;
        /**
         * create a file, directory or symlink in a directory
         * @description Creates the entry and its inode in one transaction (409 EEXIST if the name is taken).
         */
        post: operations["createEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/entries/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * lookup a name in a directory
         * @description The attributes of the inode the name refers to (symlinks are not followed).
         */
        get: operations["lookup"];
        /**
         * hard link: a new name for an existing inode
         * @description Directories cannot be hard-linked (403 EPERM); the name must be free (409 EEXIST).
         */
        put: operations["linkEntry"];
        post?: never;
        /**
         * unlink a file or symlink, or rmdir an empty directory
         * @description type=dir acts as rmdir (409 ENOTDIR on a non-directory), type=nondir as unlink (409 EISDIR on a directory); a directory must be empty (409 ENOTEMPTY). If-Match removes the name only while the inode it names has that ETag (412, nothing changed, otherwise).
         */
        delete: operations["removeEntry"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/rename-entry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rename by parent inode and name (noReplace, exchange)
         * @description rename(2) by directory inode and name, atomically: replaces the destination as rename(2) does; noReplace refuses an existing one (409 EEXIST); exchange swaps the two. If-Match renames only while the source inode has that ETag (412, nothing changed, otherwise).
         */
        post: operations["renameEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/xattrs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * listxattr
         * @description The names of the extended attributes of an inode, in byte order.
         */
        get: operations["listXattrs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/xattrs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * getxattr
         * @description One extended attribute (404 ENODATA if it is not set), as base64 or, with encoding=utf8, as text.
         */
        get: operations["getXattr"];
        /**
         * setxattr (mode create = XATTR_CREATE, replace = XATTR_REPLACE)
         * @description Sets an extended attribute. mode=create refuses an existing one (409 EEXIST), mode=replace a missing one (404 ENODATA). Limits per inode: at most 64 xattrs (507 ENOSPC past it), names of at most 255 bytes (ENAMETOOLONG), values of at most 65536 bytes (413 E2BIG). Names are user.*, trusted.* or security.* (EOPNOTSUPP otherwise); trusted.* and security.* need root. If-Match with the ETag of getInode refuses a stale change (412).
         */
        put: operations["setXattr"];
        post?: never;
        /**
         * removexattr
         * @description Removes an extended attribute (404 ENODATA if it is not set). If-Match with the ETag of getInode refuses a stale change (412).
         */
        delete: operations["removeXattr"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/trash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * list the filesystem's trash
         * @description What removals left in the trash, oldest first, paged: each entry's inode, original path, size, removal time and when the purge may take it (the filesystem's trashDays after removal). A file a writer holds the lease of waits past its expiry (leasedUntil).
         */
        get: operations["listTrash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/trash/{ino}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * one trash entry
         * @description The trash entry of a removed inode (404 ENOENT if it is not in the trash).
         */
        get: operations["getTrashEntry"];
        put?: never;
        post?: never;
        /**
         * purge a trash entry now
         * @description Moves the entry to the front of the purge queue: the next sweeper pass deletes it and its objects instead of waiting for the filesystem's retention (202; it can still be restored until the purge begins). A file a writer holds the lease of still waits for the lease to end.
         */
        delete: operations["purgeTrashEntry"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/trash/{ino}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * restore a trash entry
         * @description Puts the same inode, with its contents and attributes, back under its old name in the directory it was removed from; if that directory is gone, at its recorded path, re-creating missing directories; or at `to`. A taken name is 409 EEXIST unless replace=true (then the other file goes to the trash, as rename(2) would replace it). An entry whose purge has begun is 423 EBUSY.
         */
        post: operations["restoreTrashEntry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/compact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * compact a file now
         * @description Rebuilds the file's fragmented chunks (slices piled up by many small or overlapping writes, bytes hidden by newer writes or past the end) into one slice each, with identical contents; the sweeper does the same in the background past its thresholds. Writes committed meanwhile are kept and still win; reads in flight finish (replaced objects are deleted after a grace period). At most maxChunks chunks per request: nextChunk says where to carry on. 404 ENOENT for a file in the trash; the caller needs write permission on the file (403 EACCES).
         */
        post: operations["compactInode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/inodes/{ino}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * du of a directory by inode
         * @description Files (and symlinks), subdirectories, entries and bytes (lengths summed, a directory counting 4096) directly in the directory (level) and in its whole tree (recursive; recursive=false skips it). The tree is walked a page of one directory per transaction, at most 10 000 entries per call: a larger tree answers complete=false with a nextCursor to send back, the totals carrying on. A tree changing during the walk is counted as du counts it; bytes still in a write-back cache are not counted; a file with several names counts under each. The same figures are the directory's curve.dir.* and curve.dir.r* xattrs.
         */
        get: operations["getSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fs/{fs}/summaries/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * du of a directory by path
         * @description The summary of the directory the path names (a final symlink is followed; "/" (sent as %2F), the empty path and /v1/fs/{fs}/summaries are the root). Files (and symlinks), subdirectories, entries and bytes (lengths summed, a directory counting 4096) directly in the directory (level) and in its whole tree (recursive; recursive=false skips it). The tree is walked a page of one directory per transaction, at most 10 000 entries per call: a larger tree answers complete=false with a nextCursor to send back, the totals carrying on. A tree changing during the walk is counted as du counts it; bytes still in a write-back cache are not counted; a file with several names counts under each. The same figures are the directory's curve.dir.* and curve.dir.r* xattrs.
         */
        get: operations["getPathSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * this instance
         * @description Instance id, write verifier, version, whether it leads the background jobs, metadata engine and object store facts, cache use, and the background jobs: the sweeper’s passes and, per job, when it last ran, what it did (last run and in all) and its failures.
         */
        get: operations["getStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * liveness
         * @description Answers while the process serves requests.
         */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * readiness
         * @description Ready unless shutting down or the metadata store reports a problem (503 EAGAIN).
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcquireLeaseRequest: {
            /** @description Lease time to live */
            ttlMs: number;
        };
        /** @description What a compaction of one file did */
        CompactResult: {
            /** @description Chunks looked at */
            chunksExamined: number;
            /** @description Chunks rebuilt or cleared */
            chunksCompacted: number;
            /** @description Slices removed */
            slicesReplaced: number;
            /** @description Slices written in their place */
            slicesWritten: number;
            /** @description Bytes written as new objects */
            bytesWritten: number;
            /** @description Chunks left alone because the file changed under the compaction */
            chunksStale: number;
            /** @description The first chunk not examined (the request stopped at maxChunks): send it as fromChunk */
            nextChunk?: number;
        };
        /** @description A new file, directory or symlink */
        CreateEntryRequest: {
            /**
             * @description Name of the new entry
             * @example notes.txt
             */
            name: string;
            type: components["schemas"]["FileType"];
            /**
             * @description Permission bits (default 0644 for files, 0755 for directories) (e.g. 420 = 0644)
             * @example 420
             */
            mode?: number;
            uid?: number;
            gid?: number;
            /** @description Symlink target (type symlink only) */
            target?: string;
        };
        /** @description A new filesystem */
        CreateFsRequest: {
            /** @example demo */
            name: string;
            /** @description Power of two, 64 KiB..64 MiB (default 4 MiB) */
            blockSize?: number;
            /** @description Power of two ≥ blockSize, ≤ 1 GiB (default 64 MiB) */
            chunkSize?: number;
            /** @description Byte quota, 0 = unlimited */
            capacityBytes?: number;
            /** @description Inode quota, 0 = unlimited */
            inodeQuota?: number;
            /** @description Days a removed file stays in the trash (default 1) */
            trashDays?: number;
            /** @description Files up to this many bytes keep their contents in the metadata store, beside the inode (default 4096; 0 turns it off; at most what one metadata value holds on the engine, else 400 EINVAL) */
            inlineBytes?: number;
        };
        /** @description The byte range a direct upload writes */
        CreateUploadRequest: {
            /** @description File offset of the first byte to write */
            offset: number;
            /** @description Bytes to write. One upload holds at most 1000 blocks and as many chunks as one commit can hold; a longer range is refused with 413 E2BIG and its `maxLength`. */
            length: number;
            checksums?: {
                /** @description Checksum of each block, signed into its PUT URL: S3 refuses a body that does not match */
                algorithm: "CRC32C" | "SHA256";
                /** @description One per block of the range, in order */
                values: string[];
            };
        };
        /** @description A directory entry; `attrs` with attrs=true (readdirplus) */
        DirEntry: {
            /** @description Entry name */
            name: string;
            /**
             * @description Inode number
             * @example 42
             */
            ino: number;
            type: components["schemas"]["FileType"];
            attrs?: components["schemas"]["Stat"];
        };
        /** @description One page of a directory listing, in name (byte) order */
        DirPage: {
            entries: components["schemas"]["DirEntry"][];
            /** @description Pass as cursor for the next page; absent on the last page */
            nextCursor?: string;
        };
        /** @description Where the bytes of a range are: presigned ranged GETs and zero-filled holes */
        DownloadPlan: {
            ino: number;
            /** @description The file’s length */
            fileLength: number;
            /** @description First byte planned */
            offset: number;
            /** @description The plan covers [offset, end) */
            end: number;
            /** @description False when the range holds more than 1000 pieces: ask again from `end` */
            complete: boolean;
            /** @description When the URLs stop working */
            expiresAt: string;
            /** @description In file order, back to back from offset to end */
            pieces: ({
                /** @description File offset of the piece */
                fileOffset: number;
                length: number;
                /**
                 * @description A hole: these bytes read as zeros, there is nothing to fetch
                 * @enum {boolean}
                 */
                zero: true;
            } | {
                /** @description File offset of the piece */
                fileOffset: number;
                length: number;
                /** @description Presigned GET URL of the object holding the piece */
                url: string;
                /** @description Send it as `Range: bytes=start-(end-1)` */
                objectRange: {
                    /** @description First byte in the object */
                    start: number;
                    /** @description End (exclusive) in the object */
                    end: number;
                };
            })[];
        };
        /**
         * @description The error, named as POSIX names it (ENOENT, EEXIST, …). Not POSIX: EPRECONDITION (a failed If-Match, If-None-Match or If-Unmodified-Since), EWRITESLOST (unstable writes lost with the instance that took them), EMEDIATYPE (a request body of a media type the operation does not take), EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C)
         * @enum {string}
         */
        ErrnoCode: "ENOENT" | "EEXIST" | "ENOTDIR" | "EISDIR" | "ENOTEMPTY" | "EINVAL" | "ENAMETOOLONG" | "ELOOP" | "EPERM" | "EACCES" | "EXDEV" | "E2BIG" | "ENOSPC" | "EDQUOT" | "EBUSY" | "EAGAIN" | "EIO" | "ERANGE" | "ENODATA" | "EFBIG" | "ENOSYS" | "ECANCELED" | "EREMOTEIO" | "EMLINK" | "EOPNOTSUPP" | "EPRECONDITION" | "EWRITESLOST" | "EMEDIATYPE" | "EAUTH" | "ERATELIMITED" | "EBADCHECKSUM";
        /** @description Inode type */
        FileType: "file" | "dir" | "symlink";
        FlushRequest: {
            /** @description Every verifier your unstable writes to this file were answered with since the last flush */
            verifiers: string[];
        };
        FlushResult: {
            /** @description Verifier of the instance that answered */
            verifier: string;
            /** @enum {boolean} */
            stable: true;
        };
        /** @description A filesystem */
        FsInfo: {
            /** @description Filesystem id */
            id: number;
            /**
             * @description Filesystem name
             * @example demo
             */
            name: string;
            /** @description INITED: in service; DELETING: being purged after a recursive deleteFs */
            status: "NEW" | "INITED" | "DELETING";
            /**
             * @description Root inode (always 1)
             * @example 42
             */
            rootIno: number;
            /** @description Bytes per block object */
            blockSize: number;
            /** @description Bytes per chunk */
            chunkSize: number;
            /** @description Byte quota, 0 = unlimited */
            capacityBytes: number;
            /** @description Inode quota, 0 = unlimited */
            inodeQuota: number;
            /** @description Days a removed file stays in the trash */
            trashDays: number;
            /** @description Files up to this many bytes keep their contents in the metadata store; 0 = off */
            inlineBytes: number;
            /** @description When the filesystem was created (RFC 3339) */
            createdAt: string;
            usage?: components["schemas"]["FsUsage"];
        };
        FsList: {
            filesystems: components["schemas"]["FsInfo"][];
        };
        /** @description What a filesystem uses */
        FsUsage: {
            /** @description Inodes in use */
            inodes: number;
            /** @description Bytes of file contents */
            bytes: number;
        };
        /** @description This instance */
        InstanceStatus: {
            /** @description This instance's id */
            instance: string;
            /** @description Write verifier: changes whenever the instance restarts */
            verifier: string;
            /** @description CirrusFS version (package.json) */
            version: string;
            /** @description Whether this instance runs the background jobs */
            leader: boolean;
            /** @description Metadata engine facts */
            meta: {
                [key: string]: unknown;
            };
            /** @description Object store facts */
            objects: {
                [key: string]: unknown;
            };
            jobs: components["schemas"]["JobsStatus"];
        } & {
            [key: string]: unknown;
        };
        /** @description The background jobs: the sweeper's passes (running, passes, lastPass…, purged), and per job what it did. Items: fsDeletion: filesystems whose deletion finished (counters: inodes, objects); trash: trash entries purged (counters: delayedByLease); generations: replaced content generations purged; intents: upload intents swept (counters: objects; expired, or writerDead: collected at once because the instance that wrote them is gone); replacedObjects: compacted chunks whose replaced objects were deleted after the grace period (counters: objects); compaction: chunks compacted (counters: filesVisited, slicesReplaced, slicesWritten, bytesWritten, chunksStale); idempotency: expired Idempotency-Key answers and clean-shutdown verifiers removed */
        JobsStatus: {
            running: boolean;
            /** @description Passes since this instance started (it runs them only while it leads) */
            passes: number;
            /**
             * @description When the last pass ended (RFC 3339)
             * @example 2026-11-24T20:54:44.123Z
             */
            lastPassAt?: string;
            /** @description How long it took */
            lastPassMs?: number;
            /** @description false when it stopped at its deadline or a step-down */
            lastPassComplete?: boolean;
            /** @description The last failure of a job in the last pass */
            lastError?: string;
            purged: {
                /** @description Inodes purged */
                inodes: number;
                /** @description Slices purged */
                slices: number;
                /** @description Objects deleted */
                objects: number;
            };
            fsDeletion: components["schemas"]["JobStats"];
            trash: components["schemas"]["JobStats"];
            generations: components["schemas"]["JobStats"];
            intents: components["schemas"]["JobStats"];
            replacedObjects: components["schemas"]["JobStats"];
            compaction: components["schemas"]["JobStats"];
            idempotency: components["schemas"]["JobStats"];
        };
        /** @description Progress and results of one background job on this instance */
        JobStats: {
            /** @description Sweeper passes in which the job ran */
            runs: number;
            /**
             * @description When it last ran (RFC 3339)
             * @example 2026-11-24T20:54:44.123Z
             */
            lastRunAt?: string;
            /** @description Items done in its last run */
            lastRunItems: number;
            /** @description Items done since this instance started */
            items: number;
            /** @description Failed runs since this instance started */
            errors: number;
            lastError?: string;
            /**
             * @description When it last failed (RFC 3339)
             * @example 2026-11-24T20:54:44.123Z
             */
            lastErrorAt?: string;
            /** @description Job-specific totals since this instance started (e.g. compaction bytesWritten) */
            counters: {
                [key: string]: number;
            };
        };
        LeaseGrant: {
            leaseId: string;
            /** @description Fencing token: send it as X-Lease-Token with writes and flushes */
            token: number;
            /** @description When the lease lapses unless renewed */
            expiresAt: string;
        };
        /** @description A hard link */
        LinkEntryRequest: {
            /**
             * @description The inode (not a directory) to give another name
             * @example 42
             */
            ino: number;
        };
        /** @description link(2) */
        LinkRequest: {
            /**
             * @description Path of the existing file
             * @example docs/hello.txt
             */
            existing: string;
        };
        /** @description Optional settings of the new directory */
        MakeDirRequest: {
            /**
             * @description Permission bits (default 0755) (e.g. 420 = 0644)
             * @example 420
             */
            mode?: number;
        };
        /** @description RFC 9457 problem details with a stable POSIX `code` */
        Problem: {
            /**
             * @description A URI naming the error kind
             * @example https://cirrusfs.dev/errors/ENOENT
             */
            type: string;
            /** @description The code again, as a short title */
            title: string;
            /** @description The HTTP status */
            status: number;
            code: components["schemas"]["ErrnoCode"];
            /** @description What went wrong, for people */
            detail: string;
            /** @description The request path */
            instance?: string;
            /** @description EWRITESLOST: the verifier whose writes were lost */
            verifier?: string;
            /** @description ERANGE: the length of the file */
            length?: number;
        } & {
            [key: string]: unknown;
        };
        /** @description rename(2) by directory inode and name */
        RenameEntryRequest: {
            /**
             * @description Directory that holds the entry
             * @example 42
             */
            parent: number;
            /** @description Entry to move */
            name: string;
            /**
             * @description Directory to move it to
             * @example 42
             */
            newParent: number;
            /** @description Its new name */
            newName: string;
            /** @description Fail with EEXIST if the destination exists */
            noReplace?: boolean;
            /** @description Atomically swap source and destination */
            exchange?: boolean;
        };
        /** @description rename(2) by path */
        RenamePathRequest: {
            /**
             * @description Path to move
             * @example docs/hello.txt
             */
            from: string;
            /**
             * @description New path
             * @example docs/notes/hello.txt
             */
            to: string;
            /** @description Fail with EEXIST if the destination exists */
            noReplace?: boolean;
            /** @description Atomically swap source and destination */
            exchange?: boolean;
        };
        RenewLeaseRequest: {
            leaseId: string;
            /** @description New time to live, from now */
            ttlMs: number;
        };
        /** @description A restored entry: the same inode, with its contents and attributes */
        RestoredEntry: {
            /**
             * @description Where it is now, when known
             * @example /docs/report.pdf
             */
            path?: string;
            attrs: components["schemas"]["Stat"];
        };
        /** @description Where to restore a trash entry */
        RestoreTrashRequest: {
            /**
             * @description Restore to this path instead of where it was (missing directories on the way are created)
             * @example restored/report.pdf
             */
            to?: string;
            /** @description Replace what is at the destination, as rename(2) would (the replaced file goes to the trash); otherwise 409 EEXIST */
            replace?: boolean;
        };
        /** @description Attribute changes; absent fields stay as they are */
        SetAttrsRequest: {
            /**
             * @description chmod: permission bits (e.g. 420 = 0644)
             * @example 420
             */
            mode?: number;
            /** @description chown: owner user id */
            uid?: number;
            /** @description chown: owner group id */
            gid?: number;
            /** @description utimens: RFC 3339 time or "now" */
            atime?: string;
            /** @description utimens: RFC 3339 time or "now" */
            mtime?: string;
            /** @description truncate: cut or extend to this many bytes */
            size?: number;
            /**
             * @description Regular files: the media type downloads are served as (needs write permission; application/octet-stream is the default)
             * @example text/markdown
             */
            contentType?: string;
        };
        /** @description setxattr */
        SetXattrRequest: {
            /** @example first file */
            value: string;
            /**
             * @description How `value` is written: base64 (any bytes) or utf8 (text)
             * @default base64
             */
            encoding: "base64" | "utf8";
            /** @description create = XATTR_CREATE (EEXIST if set), replace = XATTR_REPLACE (ENODATA if not) */
            mode?: "any" | "create" | "replace";
        };
        /** @description Inode attributes, as stat(2) reports them. The answer carries the ETag to send as If-Match. */
        Stat: {
            /**
             * @description Inode number
             * @example 42
             */
            ino: number;
            type: components["schemas"]["FileType"];
            /**
             * @description Permission bits (e.g. 420 = 0644)
             * @example 420
             */
            mode: number;
            /** @description Owner user id */
            uid: number;
            /** @description Owner group id */
            gid: number;
            /** @description Number of links (directories: 2 + subdirectories) */
            nlink: number;
            /** @description Size in bytes (directories: 4096; symlinks: target length) */
            length: number;
            /**
             * @description Last access (RFC 3339 with nanoseconds)
             * @example 2026-11-24T20:54:44.123456789Z
             */
            atime: string;
            /**
             * @description Last modification (RFC 3339 with nanoseconds)
             * @example 2026-11-24T20:54:44.123456789Z
             */
            mtime: string;
            /**
             * @description Last status change (RFC 3339 with nanoseconds)
             * @example 2026-11-24T20:54:44.123456789Z
             */
            ctime: string;
            /** @description Device number */
            rdev?: number;
            /** @description Symlink target */
            target?: string;
            /** @description Directories: number of entries */
            entries?: number;
            /**
             * @description Regular files: the media type downloads are served as (the upload's Content-Type; application/octet-stream when none was given)
             * @example text/plain; charset=utf-8
             */
            contentType?: string;
        };
        /** @description A directory’s own entries (level) and its whole tree below it (recursive), as curve.dir.* / curve.dir.r* report them. Each page of the walk is one transaction; a tree that changes during a walk of several calls is counted as du would count it */
        Summary: {
            /**
             * @description The directory
             * @example 42
             */
            ino: number;
            level: components["schemas"]["SummaryCounts"];
            recursive?: components["schemas"]["SummaryCounts"];
            /** @description false: the walk stopped at its budget; call again with nextCursor (the totals carry on) */
            complete: boolean;
            /** @description Pass as cursor to carry on the walk */
            nextCursor?: string;
        };
        /** @description What a directory holds */
        SummaryCounts: {
            /** @description Files and symlinks */
            files: number;
            /** @description Directories */
            subdirs: number;
            /** @description All entries */
            entries: number;
            /** @description Their lengths summed (a directory counts as 4096 bytes) */
            bytes: number;
        };
        /** @description symlink(2) */
        SymlinkRequest: {
            /**
             * @description What the link points to
             * @example docs/hello.txt
             */
            target: string;
        };
        /** @description A removed file, symlink or directory tree waiting in the trash */
        TrashEntry: {
            /**
             * @description Inode number: restore and purge name the entry by it
             * @example 42
             */
            ino: number;
            type: components["schemas"]["FileType"];
            /**
             * @description The directory it was removed from
             * @example 42
             */
            parent: number;
            /**
             * @description Its name there
             * @example report.pdf
             */
            name: string;
            /**
             * @description Where it was: the path the removal named, or derived from its directory while that directory exists
             * @example /docs/report.pdf
             */
            path?: string;
            /** @description A directory removed with everything in it (recursive delete) */
            tree: boolean;
            /** @description Files and symlinks: length in bytes */
            size?: number;
            /** @description Directories: entries directly in it */
            entries?: number;
            /**
             * @description When it was removed (RFC 3339)
             * @example 2026-11-24T20:54:44.123Z
             */
            removedAt: string;
            /**
             * @description When the purge may take it: removal + the filesystem's trashDays (or when an early purge was asked) (RFC 3339)
             * @example 2026-11-24T20:54:44.123Z
             */
            expiresAt: string;
            /** @description waiting: within its retention (restorable); due: past it or asked to be purged early, for the next sweeper pass (still restorable); purging: the purge has begun */
            state: "waiting" | "due" | "purging";
            /**
             * @description A writer holds the file’s lease until then: the purge waits for the lease to end (RFC 3339)
             * @example 2026-11-24T20:54:44.123Z
             */
            leasedUntil?: string;
        };
        /** @description One page of the trash, oldest removal first (entries asked to be purged early come first) */
        TrashPage: {
            entries: components["schemas"]["TrashEntry"][];
            /** @description Pass as cursor for the next page; absent on the last page */
            nextCursor?: string;
        };
        /** @description A direct upload: PUT each block to its URL, then commit */
        UploadTicket: {
            /** @description Name it in commitUpload / abortUpload */
            uploadId: string;
            /** @description The file written */
            ino: number;
            /** @description File offset of the first byte */
            offset: number;
            /** @description Bytes the upload writes */
            length: number;
            /** @description When the URLs stop working (3600 s after they were signed); commit before it */
            expiresAt: string;
            blocks: {
                /** @description Position in the upload; commit errors name blocks by it */
                index: number;
                /** @description File offset of the block’s first byte */
                fileOffset: number;
                /** @description The PUT body is exactly this many bytes */
                length: number;
                /** @description Presigned PUT URL of the block object */
                url: string;
                /** @description Send these headers with the PUT: they are signed (If-None-Match: *, a checksum) */
                headers: {
                    [key: string]: string;
                };
            }[];
        };
        WriteResult: {
            /** @description Bytes written */
            written: number;
            /** @description Write verifier of the instance that took the write; name it in flushData */
            verifier: string;
            /** @description True when the bytes are committed; false while they sit in the write-back cache */
            stable: boolean;
        };
        /** @description An extended attribute */
        Xattr: {
            name: string;
            value: string;
            /**
             * @description How `value` is written: base64 (any bytes) or utf8 (text)
             * @default base64
             */
            encoding: "base64" | "utf8";
        };
        /** @description listxattr */
        XattrList: {
            names: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listFs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The filesystems */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "filesystems": [
                     *         {
                     *           "id": 1,
                     *           "name": "demo",
                     *           "status": "INITED",
                     *           "rootIno": 1,
                     *           "blockSize": 4194304,
                     *           "chunkSize": 67108864,
                     *           "capacityBytes": 0,
                     *           "inodeQuota": 0,
                     *           "trashDays": 1,
                     *           "inlineBytes": 4096,
                     *           "createdAt": "2026-11-24T20:54:44.123Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["FsList"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createFs: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description A new filesystem */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "demo"
                 *     }
                 */
                "application/json": components["schemas"]["CreateFsRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 1,
                     *       "name": "demo",
                     *       "status": "INITED",
                     *       "rootIno": 1,
                     *       "blockSize": 4194304,
                     *       "chunkSize": 67108864,
                     *       "capacityBytes": 0,
                     *       "inodeQuota": 0,
                     *       "trashDays": 1,
                     *       "inlineBytes": 4096,
                     *       "createdAt": "2026-11-24T20:54:44.123Z"
                     *     }
                     */
                    "application/json": components["schemas"]["FsInfo"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getFs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The filesystem */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 1,
                     *       "name": "demo",
                     *       "status": "INITED",
                     *       "rootIno": 1,
                     *       "blockSize": 4194304,
                     *       "chunkSize": 67108864,
                     *       "capacityBytes": 0,
                     *       "inodeQuota": 0,
                     *       "trashDays": 1,
                     *       "inlineBytes": 4096,
                     *       "createdAt": "2026-11-24T20:54:44.123Z",
                     *       "usage": {
                     *         "inodes": 3,
                     *         "bytes": 14
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["FsInfo"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteFs: {
        parameters: {
            query?: {
                /** @description Delete a non-empty filesystem in the background */
                recursive?: boolean;
            };
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the filesystem is DELETING */
            202: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": 1,
                     *       "name": "demo~deleting~1~1764190484",
                     *       "status": "DELETING",
                     *       "rootIno": 1,
                     *       "blockSize": 4194304,
                     *       "chunkSize": 67108864,
                     *       "capacityBytes": 0,
                     *       "inodeQuota": 0,
                     *       "trashDays": 1,
                     *       "inlineBytes": 4096,
                     *       "createdAt": "2026-11-24T20:54:44.123Z"
                     *     }
                     */
                    "application/json": components["schemas"]["FsInfo"];
                };
            };
            /** @description Deleted */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    statPath: {
        parameters: {
            query?: {
                /** @description Follow a final symlink (stat rather than lstat) */
                follow?: boolean;
            };
            header?: {
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Not modified: the ETag or date the client sent is current */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    headPath: {
        parameters: {
            query?: {
                /** @description Follow a final symlink (stat rather than lstat) */
                follow?: boolean;
            };
            header?: {
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Not modified: the ETag or date the client sent is current */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setPathAttrs: {
        parameters: {
            query?: never;
            header?: {
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        /** @description Attribute changes; absent fields stay as they are */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "mode": 384
                 *     }
                 */
                "application/json": components["schemas"]["SetAttrsRequest"];
            };
        };
        responses: {
            /** @description The new attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 384,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDir: {
        parameters: {
            query?: {
                /** @description Entries per page */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Include each entry's attributes (readdirplus) */
                attrs?: boolean;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entries": [
                     *         {
                     *           "name": "docs",
                     *           "ino": 7,
                     *           "type": "dir"
                     *         }
                     *       ],
                     *       "nextCursor": "ZG9jcw"
                     *     }
                     */
                    "application/json": components["schemas"]["DirPage"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    makeDir: {
        parameters: {
            query?: {
                /** @description Create missing parents; an existing directory is fine */
                parents?: boolean;
            };
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "mode": 493
                 *     }
                 */
                "application/json": components["schemas"]["MakeDirRequest"];
            };
        };
        responses: {
            /** @description The directory existed (parents=true) */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 7,
                     *       "type": "dir",
                     *       "mode": 493,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 2,
                     *       "length": 4096,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z",
                     *       "entries": 1
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    renamePath: {
        parameters: {
            query?: never;
            header?: {
                /** @description Change only if the ETag of the inode the name refers to is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
            };
            cookie?: never;
        };
        /** @description rename(2) by path */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "from": "docs/hello-again.txt",
                 *       "to": "docs/notes/hello.txt"
                 *     }
                 */
                "application/json": components["schemas"]["RenamePathRequest"];
            };
        };
        responses: {
            /** @description Renamed */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSymlink: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        /** @description symlink(2) */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "target": "docs/hello.txt"
                 *     }
                 */
                "application/json": components["schemas"]["SymlinkRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "symlink",
                     *       "mode": 511,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z",
                     *       "target": "docs/hello.txt"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLink: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        /** @description link(2) */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "existing": "docs/hello.txt"
                 *     }
                 */
                "application/json": components["schemas"]["LinkRequest"];
            };
        };
        responses: {
            /** @description Linked */
            201: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 2,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    downloadFile: {
        parameters: {
            query?: {
                /** @description Answer 307 to a presigned S3 URL when the request means the same bytes on one block object as on the file (the object starts at the file’s first byte, and the Range lies within the file or the object is the whole file); otherwise the normal answer */
                redirect?: boolean;
            };
            header?: {
                /**
                 * @description One byte range, "bytes=first-last", "bytes=first-" or "bytes=-suffix" → 206 (several ranges, or another unit, are ignored: 200 with the whole file)
                 * @example bytes=0-1023
                 */
                range?: string;
                /** @description Serve the Range only if the file is still this version (an ETag, or a Last-Modified date); otherwise 200 with the whole file */
                "if-range"?: string;
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    /** @description Body length in bytes */
                    "content-length": number;
                    [name: string]: unknown;
                };
                content: {
                    /** @example hello, cirrus */
                    "application/octet-stream": Blob;
                    "*/*": Blob;
                };
            };
            /** @description The asked range of the file */
            206: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    /** @description Body length in bytes */
                    "content-length": number;
                    /** @description 206: "bytes first-last/length"; 416: "bytes *\/length" */
                    "content-range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": Blob;
                    "*/*": Blob;
                };
            };
            /** @description Not modified: the ETag or date the client sent is current */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description redirect=true: one block object of S3 answers this request itself */
            307: {
                headers: {
                    /** @description A presigned S3 URL that answers the same request (send the same Range) */
                    location: string;
                    /** @description "no-store": the redirect expires with its URL, never cache it */
                    "cache-control": "no-store";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERANGE: the range starts past the end of the file (Content-Range: bytes *\/length) */
            416: {
                headers: {
                    /** @description 206: "bytes first-last/length"; 416: "bytes *\/length" */
                    "content-range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    uploadFile: {
        parameters: {
            query?: {
                /** @description Create missing parent directories */
                parents?: boolean;
                /** @description Permission bits of a new file */
                mode?: number;
            };
            header?: {
                /** @description "*": only create, never replace (412 if the file exists) */
                "if-none-match"?: string;
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Absent or "identity": the body is stored as sent (any other coding, e.g. gzip, answers 415) */
                "content-encoding"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
                /**
                 * @description Base64 MD5 of the whole body (RFC 1864): checked before anything is written; a mismatch is 400 EBADCHECKSUM
                 * @example 1B2M2Y8AsgTpgAmY7PhCfg==
                 */
                "content-md5"?: string;
                /**
                 * @description Base64 of the body's big-endian CRC32C (as S3's x-amz-checksum-crc32c): checked before anything is written; a mismatch is 400 EBADCHECKSUM
                 * @example AAAAAA==
                 */
                "x-checksum-crc32c"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        /** @description The file contents, streamed (any bytes; the Content-Type is kept as the file's contentType, not interpreted) */
        requestBody: {
            content: {
                /** @example hello, cirrus */
                "application/octet-stream": Blob;
                "*/*": Blob;
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deletePath: {
        parameters: {
            query?: {
                /** @description Remove a directory with everything in it */
                recursive?: boolean;
            };
            header?: {
                /** @description Change only if the ETag of the inode the name refers to is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    headFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The headers a GET of the file would answer */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    /** @description Body length in bytes */
                    "content-length": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readData: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description One byte range, "bytes=first-last", "bytes=first-" or "bytes=-suffix" → 206 (several ranges, or another unit, are ignored: 200 with the whole file)
                 * @example bytes=0-1023
                 */
                range?: string;
                /** @description Serve the Range only if the file is still this version (an ETag, or a Last-Modified date); otherwise 200 with the whole file */
                "if-range"?: string;
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    /** @description Body length in bytes */
                    "content-length": number;
                    [name: string]: unknown;
                };
                content: {
                    /** @example HELLO, cirrus */
                    "application/octet-stream": Blob;
                    "*/*": Blob;
                };
            };
            /** @description The asked range of the file */
            206: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    /** @description Body length in bytes */
                    "content-length": number;
                    /** @description 206: "bytes first-last/length"; 416: "bytes *\/length" */
                    "content-range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": Blob;
                    "*/*": Blob;
                };
            };
            /** @description Not modified: the ETag or date the client sent is current */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERANGE: the range starts past the end of the file (Content-Range: bytes *\/length) */
            416: {
                headers: {
                    /** @description 206: "bytes first-last/length"; 416: "bytes *\/length" */
                    "content-range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    writeData: {
        parameters: {
            query: {
                /** @description File offset of the first byte of the body */
                offset: number;
                /** @description Commit before answering (stable: true) */
                sync?: boolean;
            };
            header?: {
                /** @description Fencing token of the writer lease, if one is held */
                "x-lease-token"?: string;
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Absent or "identity": the body is stored as sent (any other coding, e.g. gzip, answers 415) */
                "content-encoding"?: string;
                /**
                 * @description Base64 MD5 of the whole body (RFC 1864): checked before anything is written; a mismatch is 400 EBADCHECKSUM
                 * @example 1B2M2Y8AsgTpgAmY7PhCfg==
                 */
                "content-md5"?: string;
                /**
                 * @description Base64 of the body's big-endian CRC32C (as S3's x-amz-checksum-crc32c): checked before anything is written; a mismatch is 400 EBADCHECKSUM
                 * @example AAAAAA==
                 */
                "x-checksum-crc32c"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        /** @description The bytes to write, streamed */
        requestBody: {
            content: {
                /** @example HELLO */
                "application/octet-stream": Blob;
                "*/*": Blob;
            };
        };
        responses: {
            /** @description Written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "written": 5,
                     *       "verifier": "9f86d081884c7d65",
                     *       "stable": false
                     *     }
                     */
                    "application/json": components["schemas"]["WriteResult"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    headData: {
        parameters: {
            query?: never;
            header?: {
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The headers a GET of the file would answer */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    /** @description Body length in bytes */
                    "content-length": number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description Last modification with nanoseconds (RFC 3339) */
                    "x-cirrus-mtime": string;
                    /** @description Always "bytes": Range requests are served */
                    "accept-ranges": "bytes";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    flushData: {
        parameters: {
            query?: never;
            header?: {
                /** @description Fencing token of the writer lease, if one is held */
                "x-lease-token"?: string;
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "verifiers": [
                 *         "9f86d081884c7d65"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["FlushRequest"];
            };
        };
        responses: {
            /** @description Everything written before is committed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "verifier": "9f86d081884c7d65",
                     *       "stable": true
                     *     }
                     */
                    "application/json": components["schemas"]["FlushResult"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    renewLease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "leaseId": "l-5f2c",
                 *       "ttlMs": 30000
                 *     }
                 */
                "application/json": components["schemas"]["RenewLeaseRequest"];
            };
        };
        responses: {
            /** @description Renewed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "leaseId": "l-5f2c",
                     *       "token": 3,
                     *       "expiresAt": "2026-11-24T20:55:44.123Z"
                     *     }
                     */
                    "application/json": components["schemas"]["LeaseGrant"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acquireLease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ttlMs": 30000
                 *     }
                 */
                "application/json": components["schemas"]["AcquireLeaseRequest"];
            };
        };
        responses: {
            /** @description Granted */
            201: {
                headers: {
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "leaseId": "l-5f2c",
                     *       "token": 3,
                     *       "expiresAt": "2026-11-24T20:55:44.123Z"
                     *     }
                     */
                    "application/json": components["schemas"]["LeaseGrant"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    releaseLease: {
        parameters: {
            query: {
                leaseId: string;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Released */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createUpload: {
        parameters: {
            query?: never;
            header?: {
                /** @description Fencing token of the writer lease, if one is held */
                "x-lease-token"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        /** @description The byte range a direct upload writes */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "offset": 0,
                 *       "length": 5000000
                 *     }
                 */
                "application/json": components["schemas"]["CreateUploadRequest"];
            };
        };
        responses: {
            /** @description The upload, with a presigned PUT per block */
            201: {
                headers: {
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "uploadId": "mhx2k1b0-4f9a1c2e",
                     *       "ino": 42,
                     *       "offset": 0,
                     *       "length": 5000000,
                     *       "expiresAt": "2026-11-24T21:54:44.123Z",
                     *       "blocks": [
                     *         {
                     *           "index": 0,
                     *           "fileOffset": 0,
                     *           "length": 4194304,
                     *           "url": "https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…",
                     *           "headers": {
                     *             "if-none-match": "*"
                     *           }
                     *         },
                     *         {
                     *           "index": 1,
                     *           "fileOffset": 4194304,
                     *           "length": 805696,
                     *           "url": "https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…",
                     *           "headers": {
                     *             "if-none-match": "*"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UploadTicket"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPathUpload: {
        parameters: {
            query?: never;
            header?: {
                /** @description Fencing token of the writer lease, if one is held */
                "x-lease-token"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        /** @description The byte range a direct upload writes */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "offset": 0,
                 *       "length": 5000000
                 *     }
                 */
                "application/json": components["schemas"]["CreateUploadRequest"];
            };
        };
        responses: {
            /** @description The upload, with a presigned PUT per block */
            201: {
                headers: {
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "uploadId": "mhx2k1b0-4f9a1c2e",
                     *       "ino": 42,
                     *       "offset": 0,
                     *       "length": 5000000,
                     *       "expiresAt": "2026-11-24T21:54:44.123Z",
                     *       "blocks": [
                     *         {
                     *           "index": 0,
                     *           "fileOffset": 0,
                     *           "length": 4194304,
                     *           "url": "https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…",
                     *           "headers": {
                     *             "if-none-match": "*"
                     *           }
                     *         },
                     *         {
                     *           "index": 1,
                     *           "fileOffset": 4194304,
                     *           "length": 805696,
                     *           "url": "https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…",
                     *           "headers": {
                     *             "if-none-match": "*"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UploadTicket"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    commitUpload: {
        parameters: {
            query?: {
                /** @description The file then ends where the upload ends (a longer file is cut, in the same transaction); with offset 0, an atomic whole-file replace */
                endsFile?: boolean;
            };
            header?: {
                /** @description Fencing token of the writer lease, if one is held */
                "x-lease-token"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Upload id, from createUpload
                 * @example mhx2k1b0-4f9a1c2e
                 */
                upload: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Committed: the file’s new attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 5000000,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    abortUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Upload id, from createUpload
                 * @example mhx2k1b0-4f9a1c2e
                 */
                upload: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Aborted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDownloadPlan: {
        parameters: {
            query?: {
                /** @description First byte of the range (default 0) */
                offset?: number;
                /** @description Bytes of the range (default: to the end of the file) */
                length?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plan */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "fileLength": 5000000,
                     *       "offset": 0,
                     *       "end": 5000000,
                     *       "complete": true,
                     *       "expiresAt": "2026-11-24T21:54:44.123Z",
                     *       "pieces": [
                     *         {
                     *           "fileOffset": 0,
                     *           "length": 4194304,
                     *           "url": "https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…",
                     *           "objectRange": {
                     *             "start": 0,
                     *             "end": 4194304
                     *           }
                     *         },
                     *         {
                     *           "fileOffset": 4194304,
                     *           "length": 805696,
                     *           "zero": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DownloadPlan"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERANGE: the range starts past the end of the file (Content-Range: bytes *\/length) */
            416: {
                headers: {
                    /** @description 206: "bytes first-last/length"; 416: "bytes *\/length" */
                    "content-range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPathDownloadPlan: {
        parameters: {
            query?: {
                /** @description First byte of the range (default 0) */
                offset?: number;
                /** @description Bytes of the range (default: to the end of the file) */
                length?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The plan */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "fileLength": 5000000,
                     *       "offset": 0,
                     *       "end": 5000000,
                     *       "complete": true,
                     *       "expiresAt": "2026-11-24T21:54:44.123Z",
                     *       "pieces": [
                     *         {
                     *           "fileOffset": 0,
                     *           "length": 4194304,
                     *           "url": "https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…",
                     *           "objectRange": {
                     *             "start": 0,
                     *             "end": 4194304
                     *           }
                     *         },
                     *         {
                     *           "fileOffset": 4194304,
                     *           "length": 805696,
                     *           "zero": true
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DownloadPlan"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERANGE: the range starts past the end of the file (Content-Range: bytes *\/length) */
            416: {
                headers: {
                    /** @description 206: "bytes first-last/length"; 416: "bytes *\/length" */
                    "content-range": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store) */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Not modified: the ETag or date the client sent is current */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    headInode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Answer 412 unless the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /** @description Answer 304 (no body) if the ETag is one of these. One or more entity tags ("…", comma-separated) or * */
                "if-none-match"?: string;
                /** @description Answer 304 unless changed after this HTTP date (ignored with If-None-Match) */
                "if-modified-since"?: string;
                /** @description Answer 412 if changed after this HTTP date (ignored with If-Match) */
                "if-unmodified-since"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Not modified: the ETag or date the client sent is current */
            304: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setInodeAttrs: {
        parameters: {
            query?: never;
            header?: {
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        /** @description Attribute changes; absent fields stay as they are */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "size": 5
                 *     }
                 */
                "application/json": components["schemas"]["SetAttrsRequest"];
            };
        };
        responses: {
            /** @description The new attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 5,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    readDir: {
        parameters: {
            query?: {
                /** @description Entries per page */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Include each entry's attributes (readdirplus) */
                attrs?: boolean;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entries": [
                     *         {
                     *           "name": "hello.txt",
                     *           "ino": 42,
                     *           "type": "file"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DirPage"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createEntry: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        /** @description A new file, directory or symlink */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "README",
                 *       "type": "file"
                 *     }
                 */
                "application/json": components["schemas"]["CreateEntryRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 0,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lookup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Directory inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Entry name
                 * @example hello.txt
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attributes */
            200: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 1,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    linkEntry: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Directory inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Entry name
                 * @example hello.txt
                 */
                name: string;
            };
            cookie?: never;
        };
        /** @description A hard link */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "ino": 42
                 *     }
                 */
                "application/json": components["schemas"]["LinkEntryRequest"];
            };
        };
        responses: {
            /** @description Linked */
            201: {
                headers: {
                    /** @description The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range */
                    etag: string;
                    /** @description Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since */
                    "last-modified": string;
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    /** @description Where the created resource is (a path on this server) */
                    location: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "mode": 420,
                     *       "uid": 0,
                     *       "gid": 0,
                     *       "nlink": 2,
                     *       "length": 14,
                     *       "atime": "2026-11-24T20:54:44.123456789Z",
                     *       "mtime": "2026-11-24T20:54:44.123456789Z",
                     *       "ctime": "2026-11-24T20:54:44.123456789Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Stat"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeEntry: {
        parameters: {
            query?: {
                /** @description rmdir only / unlink only */
                type?: "dir" | "nondir";
            };
            header?: {
                /** @description Change only if the ETag of the inode the name refers to is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Directory inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Entry name
                 * @example hello.txt
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    renameEntry: {
        parameters: {
            query?: never;
            header?: {
                /** @description Change only if the ETag of the inode the name refers to is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
            };
            cookie?: never;
        };
        /** @description rename(2) by directory inode and name */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "parent": 1,
                 *       "name": "README",
                 *       "newParent": 7,
                 *       "newName": "README.md"
                 *     }
                 */
                "application/json": components["schemas"]["RenameEntryRequest"];
            };
        };
        responses: {
            /** @description Renamed */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listXattrs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The names */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "names": [
                     *         "user.comment"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["XattrList"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getXattr: {
        parameters: {
            query?: {
                /** @description How `value` is written: base64 (any bytes) or utf8 (text) */
                encoding?: "base64" | "utf8";
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Attribute name
                 * @example user.comment
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attribute */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "user.comment",
                     *       "value": "first file",
                     *       "encoding": "utf8"
                     *     }
                     */
                    "application/json": components["schemas"]["Xattr"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    setXattr: {
        parameters: {
            query?: never;
            header?: {
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Attribute name
                 * @example user.comment
                 */
                name: string;
            };
            cookie?: never;
        };
        /** @description setxattr */
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "value": "first file",
                 *       "encoding": "utf8"
                 *     }
                 */
                "application/json": components["schemas"]["SetXattrRequest"];
            };
        };
        responses: {
            /** @description Set */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    removeXattr: {
        parameters: {
            query?: never;
            header?: {
                /** @description Change only if the inode's ETag is one of these (else 412). One or more entity tags ("…", comma-separated) or * */
                "if-match"?: string;
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number
                 * @example 42
                 */
                ino: number;
                /**
                 * @description Attribute name
                 * @example user.comment
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTrash: {
        parameters: {
            query?: {
                /** @description Entries per page */
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the trash */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "entries": [
                     *         {
                     *           "ino": 42,
                     *           "type": "file",
                     *           "parent": 7,
                     *           "name": "report.pdf",
                     *           "path": "/docs/report.pdf",
                     *           "tree": false,
                     *           "size": 14,
                     *           "removedAt": "2026-11-24T20:54:44.123Z",
                     *           "expiresAt": "2026-11-25T20:54:44.123Z",
                     *           "state": "waiting"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TrashPage"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTrashEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number of the removed file or directory
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "parent": 7,
                     *       "name": "report.pdf",
                     *       "path": "/docs/report.pdf",
                     *       "tree": false,
                     *       "size": 14,
                     *       "removedAt": "2026-11-24T20:54:44.123Z",
                     *       "expiresAt": "2026-11-25T20:54:44.123Z",
                     *       "state": "waiting"
                     *     }
                     */
                    "application/json": components["schemas"]["TrashEntry"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    purgeTrashEntry: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number of the removed file or directory
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued for the next purge pass */
            202: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 42,
                     *       "type": "file",
                     *       "parent": 7,
                     *       "name": "report.pdf",
                     *       "path": "/docs/report.pdf",
                     *       "tree": false,
                     *       "size": 14,
                     *       "removedAt": "2026-11-24T20:54:44.123Z",
                     *       "expiresAt": "2026-11-24T20:54:44.123Z",
                     *       "state": "due"
                     *     }
                     */
                    "application/json": components["schemas"]["TrashEntry"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    restoreTrashEntry: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change
                 * @example create-readme-1
                 */
                "idempotency-key"?: string;
            };
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number of the removed file or directory
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /** @example {} */
                "application/json": components["schemas"]["RestoreTrashRequest"];
            };
        };
        responses: {
            /** @description Restored */
            200: {
                headers: {
                    /** @description "true" when this is the stored answer of an earlier request with the same Idempotency-Key */
                    "idempotent-replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "path": "/docs/report.pdf",
                     *       "attrs": {
                     *         "ino": 42,
                     *         "type": "file",
                     *         "mode": 420,
                     *         "uid": 0,
                     *         "gid": 0,
                     *         "nlink": 1,
                     *         "length": 14,
                     *         "atime": "2026-11-24T20:54:44.123456789Z",
                     *         "mtime": "2026-11-24T20:54:44.123456789Z",
                     *         "ctime": "2026-11-24T20:54:44.123456789Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RestoredEntry"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description E2BIG (request or value too large), EFBIG (file too large) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    compactInode: {
        parameters: {
            query?: {
                /** @description true: every chunk with more than one slice or bytes hidden by newer writes or the end of the file; false: only chunks past the background thresholds (more than 20 slices, half their bytes hidden, wholly past the end) */
                all?: boolean;
                /** @description Start at this chunk (nextChunk of a previous answer) */
                fromChunk?: number;
                /** @description Compact at most this many chunks, then answer with nextChunk */
                maxChunks?: number;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the compaction did */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "chunksExamined": 1,
                     *       "chunksCompacted": 1,
                     *       "slicesReplaced": 40,
                     *       "slicesWritten": 1,
                     *       "bytesWritten": 4096,
                     *       "chunksStale": 0
                     *     }
                     */
                    "application/json": components["schemas"]["CompactResult"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSummary: {
        parameters: {
            query?: {
                /** @description Walk the whole tree (false: only the directory’s own entries) */
                recursive?: boolean;
                /** @description nextCursor of the previous answer: carries on the walk */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Inode number (the root is 1)
                 * @example 42
                 */
                ino: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary, or a part of the walk */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 7,
                     *       "level": {
                     *         "files": 2,
                     *         "subdirs": 1,
                     *         "entries": 3,
                     *         "bytes": 4124
                     *       },
                     *       "recursive": {
                     *         "files": 5,
                     *         "subdirs": 2,
                     *         "entries": 7,
                     *         "bytes": 1052700
                     *       },
                     *       "complete": true
                     *     }
                     */
                    "application/json": components["schemas"]["Summary"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPathSummary: {
        parameters: {
            query?: {
                /** @description Walk the whole tree (false: only the directory’s own entries) */
                recursive?: boolean;
                /** @description nextCursor of the previous answer: carries on the walk */
                cursor?: string;
            };
            header?: never;
            path: {
                /**
                 * @description Filesystem name
                 * @example demo
                 */
                fs: string;
                /**
                 * @description Path inside the filesystem: names separated by "/" (sent as "/" or "%2F"; a leading "/" is allowed). "/" alone is the root. At most 4096 bytes; names are 1..255 bytes of UTF-8 without NUL; "." and ".." are refused. (For hand-written URLs the empty path also names the root.)
                 * @example docs/notes/hello.txt
                 */
                path: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary, or a part of the walk */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ino": 7,
                     *       "level": {
                     *         "files": 2,
                     *         "subdirs": 1,
                     *         "entries": 3,
                     *         "bytes": 4124
                     *       },
                     *       "recursive": {
                     *         "files": 5,
                     *         "subdirs": 2,
                     *         "entries": 7,
                     *         "bytes": 1052700
                     *       },
                     *       "complete": true
                     *     }
                     */
                    "application/json": components["schemas"]["Summary"];
                };
            };
            /** @description Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota) */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description This instance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "instance": "i-4c1d",
                     *       "verifier": "9f86d081884c7d65",
                     *       "version": "0.1.0",
                     *       "leader": true,
                     *       "meta": {
                     *         "engine": "memory"
                     *       },
                     *       "objects": {
                     *         "kind": "file"
                     *       },
                     *       "jobs": {
                     *         "running": false,
                     *         "passes": 12,
                     *         "lastPassAt": "2026-11-24T20:54:44.123Z",
                     *         "lastPassMs": 8,
                     *         "lastPassComplete": true,
                     *         "purged": {
                     *           "inodes": 9,
                     *           "slices": 31,
                     *           "objects": 40
                     *         },
                     *         "fsDeletion": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 0,
                     *           "items": 0,
                     *           "errors": 0,
                     *           "counters": {
                     *             "inodes": 0,
                     *             "objects": 0
                     *           }
                     *         },
                     *         "trash": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 1,
                     *           "items": 9,
                     *           "errors": 0,
                     *           "counters": {
                     *             "delayedByLease": 1
                     *           }
                     *         },
                     *         "generations": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 1,
                     *           "items": 9,
                     *           "errors": 0,
                     *           "counters": {}
                     *         },
                     *         "intents": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 1,
                     *           "items": 9,
                     *           "errors": 0,
                     *           "counters": {
                     *             "objects": 2
                     *           }
                     *         },
                     *         "replacedObjects": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 1,
                     *           "items": 9,
                     *           "errors": 0,
                     *           "counters": {
                     *             "objects": 40
                     *           }
                     *         },
                     *         "compaction": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 1,
                     *           "items": 9,
                     *           "errors": 0,
                     *           "counters": {
                     *             "filesVisited": 3,
                     *             "slicesReplaced": 40,
                     *             "slicesWritten": 1,
                     *             "bytesWritten": 4096,
                     *             "chunksStale": 0
                     *           }
                     *         },
                     *         "idempotency": {
                     *           "runs": 12,
                     *           "lastRunAt": "2026-11-24T20:54:44.123Z",
                     *           "lastRunItems": 1,
                     *           "items": 9,
                     *           "errors": 0,
                     *           "counters": {}
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InstanceStatus"];
                };
            };
            /** @description EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer) */
            401: {
                headers: {
                    /** @description The scheme to authenticate with: Bearer */
                    "www-authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description ERATELIMITED: this principal is over its request rate; retry after Retry-After */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-limit"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-remaining"?: string;
                    /** @description RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window */
                    "ratelimit-reset"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready"
                     *     }
                     */
                    "application/json": {
                        /** @enum {string} */
                        status: "ready";
                    };
                };
            };
            /** @description EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
