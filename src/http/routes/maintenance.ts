// Keeping files and trees in shape: compactInode (DIGEST §4) and directory summaries
// (DIGEST §2.8: getSummary, getPathSummary; also the curve.dir.* xattrs).
import { parseIno } from '../../fs/service.ts';
import { EXAMPLE_KEY } from '../openapi.ts';
import { json, problems } from '../responses.ts';
import { CompactQuery, CompactResultSchema, SummaryQuery, SummarySchema } from '../ops-schemas.ts';
import { FsParams, InodeParams, PathParams } from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { pathParam, requestMeta } from '../wire.ts';

const tags = ['maintenance'];
const SUMMARY_EXAMPLE = {
  ino: 7,
  level: { files: 2, subdirs: 1, entries: 3, bytes: 4124 },
  recursive: { files: 5, subdirs: 2, entries: 7, bytes: 1052700 },
  complete: true,
};
const SUMMARY_DESCRIPTION =
  "Files (and symlinks), subdirectories, entries and bytes (lengths summed, a directory counting 4096) directly in the directory (level) and in its whole tree (recursive; recursive=false skips it). The tree is walked a page of one directory per transaction, at most 10 000 entries per call: a larger tree answers complete=false with a nextCursor to send back, the totals carrying on. A tree changing during the walk is counted as du counts it; bytes still in a write-back cache are not counted; a file with several names counts under each. The same figures are the directory's curve.dir.* and curve.dir.r* xattrs.";

export function maintenanceRoutes(app: App, s: Services): void {
  app.post(
    '/v1/fs/:fs/inodes/:ino/compact',
    {
      schema: {
        operationId: 'compactInode',
        tags,
        summary: 'compact a file now',
        description:
          "Rebuilds the file's fragmented chunks (slices piled up by many small or overlapping writes, bytes hidden by newer writes or past the end) into one slice each, with identical contents; the sweeper does the same in the background past its thresholds. Writes committed meanwhile are kept and still win; reads in flight finish (replaced objects are deleted after a grace period). At most maxChunks chunks per request: nextChunk says where to carry on. 404 ENOENT for a file in the trash; the caller needs write permission on the file (403 EACCES).",
        params: InodeParams,
        querystring: CompactQuery,
        response: { 200: json(CompactResultSchema, 'What the compaction did'), ...problems(409) },
        [EXAMPLE_KEY]: {
          response: {
            chunksExamined: 1,
            chunksCompacted: 1,
            slicesReplaced: 40,
            slicesWritten: 1,
            bytesWritten: 4096,
            chunksStale: 0,
          },
        },
      },
    },
    async (req) => {
      const fs = await s.fss.catalogue.live(req.params.fs);
      return s.compactor.compactFile(fs, parseIno(req.params.ino), {
        all: req.query.all ?? true,
        caller: requestMeta(req).caller,
        fromChunk: req.query.fromChunk,
        maxChunks: req.query.maxChunks,
      });
    },
  );

  app.get(
    '/v1/fs/:fs/inodes/:ino/summary',
    {
      schema: {
        operationId: 'getSummary',
        tags,
        summary: 'du of a directory by inode',
        description: SUMMARY_DESCRIPTION,
        params: InodeParams,
        querystring: SummaryQuery,
        response: { 200: json(SummarySchema, 'The summary, or a part of the walk'), ...problems(409) },
        [EXAMPLE_KEY]: { response: SUMMARY_EXAMPLE },
      },
    },
    async (req) =>
      s.fss.summary(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), {
        recursive: req.query.recursive ?? true,
        cursor: req.query.cursor,
      }),
  );

  const pathSummary = {
    schema: {
      operationId: 'getPathSummary',
      tags,
      summary: 'du of a directory by path',
      description: `The summary of the directory the path names (a final symlink is followed; "/" (sent as %2F), the empty path and /v1/fs/{fs}/summaries are the root). ${SUMMARY_DESCRIPTION}`,
      params: PathParams,
      querystring: SummaryQuery,
      response: { 200: json(SummarySchema, 'The summary, or a part of the walk'), ...problems(409) },
      [EXAMPLE_KEY]: { response: SUMMARY_EXAMPLE },
    },
  };
  app.get('/v1/fs/:fs/summaries/*', pathSummary, async (req) =>
    s.paths.pathSummary(req.params.fs, requestMeta(req).caller, pathParam(req), {
      recursive: req.query.recursive ?? true,
      cursor: req.query.cursor,
    }),
  );
  // The root without a trailing slash, for hand-written URLs (the document names the root "/").
  app.get('/v1/fs/:fs/summaries', { schema: { ...pathSummary.schema, params: FsParams, hide: true } }, async (req) =>
    s.paths.pathSummary(req.params.fs, requestMeta(req).caller, '', {
      recursive: req.query.recursive ?? true,
      cursor: req.query.cursor,
    }),
  );
}
