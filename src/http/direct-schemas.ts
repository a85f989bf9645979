// Schemas of the direct data plane (DESIGN §4 "Direct data plane"): upload tickets with
// presigned PUT URLs, commits, and download plans with presigned GET URLs. Kept apart from
// schemas.ts, in its conventions: named components, descriptions, examples, limits stated.
import { Type } from 'typebox';
import { DIRECT_URL_EXPIRY_S } from '../data/direct-access.ts';
import { DIRECT_MAX_PLAN_PIECES } from '../data/direct-reads.ts';
import { DIRECT_MAX_BLOCKS } from '../data/direct-uploads.ts';
import { MAX_FILE_SIZE_BYTES } from '../fs/attrs.ts';
import { CHECKSUM_ALGORITHMS } from '../objects/direct.ts';
import { InodeParams, named } from './schemas.ts';

const Bytes = (description: string) => Type.Integer({ minimum: 0, maximum: MAX_FILE_SIZE_BYTES, description });

export const UploadParams = Type.Object({
  ...InodeParams.properties,
  upload: Type.String({
    pattern: '^[0-9a-z-]{1,64}$',
    description: 'Upload id, from createUpload',
    examples: ['mhx2k1b0-4f9a1c2e'],
  }),
});

export const CreateUploadBody = named(
  'CreateUploadRequest',
  Type.Object(
    {
      offset: Bytes('File offset of the first byte to write'),
      length: Type.Integer({
        minimum: 1,
        maximum: MAX_FILE_SIZE_BYTES,
        description: `Bytes to write. One upload holds at most ${DIRECT_MAX_BLOCKS} blocks and as many chunks as one commit can hold; a longer range is refused with 413 E2BIG and its \`maxLength\`.`,
      }),
      checksums: Type.Optional(
        Type.Object(
          {
            algorithm: Type.Union(
              CHECKSUM_ALGORITHMS.map((a) => Type.Literal(a)),
              { description: 'Checksum of each block, signed into its PUT URL: S3 refuses a body that does not match' },
            ),
            values: Type.Array(Type.String({ maxLength: 64, description: 'base64, as the x-amz-checksum-* header' }), {
              maxItems: DIRECT_MAX_BLOCKS,
              description: 'One per block of the range, in order',
            }),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false, description: 'The byte range a direct upload writes' },
  ),
);

export const UploadTicket = named(
  'UploadTicket',
  Type.Object(
    {
      uploadId: Type.String({ description: 'Name it in commitUpload / abortUpload' }),
      ino: Type.Integer({ minimum: 1, description: 'The file written' }),
      offset: Bytes('File offset of the first byte'),
      length: Bytes('Bytes the upload writes'),
      expiresAt: Type.String({
        description: `When the URLs stop working (${DIRECT_URL_EXPIRY_S} s after they were signed); commit before it`,
      }),
      blocks: Type.Array(
        Type.Object({
          index: Type.Integer({ minimum: 0, description: 'Position in the upload; commit errors name blocks by it' }),
          fileOffset: Bytes('File offset of the block’s first byte'),
          length: Type.Integer({ minimum: 1, description: 'The PUT body is exactly this many bytes' }),
          url: Type.String({ description: 'Presigned PUT URL of the block object' }),
          headers: Type.Record(Type.String(), Type.String(), {
            description: 'Send these headers with the PUT: they are signed (If-None-Match: *, a checksum)',
          }),
        }),
        { maxItems: DIRECT_MAX_BLOCKS },
      ),
    },
    { description: 'A direct upload: PUT each block to its URL, then commit' },
  ),
);

export const CommitUploadQuery = Type.Object({
  endsFile: Type.Optional(
    Type.Boolean({
      description:
        'The file then ends where the upload ends (a longer file is cut, in the same transaction); with offset 0, an atomic whole-file replace',
    }),
  ),
});

export const DownloadPlanQuery = Type.Object({
  offset: Type.Optional(Bytes('First byte of the range (default 0)')),
  length: Type.Optional(Bytes('Bytes of the range (default: to the end of the file)')),
});

export const DownloadPlanSchema = named(
  'DownloadPlan',
  Type.Object(
    {
      ino: Type.Integer({ minimum: 1 }),
      fileLength: Bytes('The file’s length'),
      offset: Bytes('First byte planned'),
      end: Bytes('The plan covers [offset, end)'),
      complete: Type.Boolean({
        description: `False when the range holds more than ${DIRECT_MAX_PLAN_PIECES} pieces: ask again from \`end\``,
      }),
      expiresAt: Type.String({ description: 'When the URLs stop working' }),
      pieces: Type.Array(
        Type.Union([
          Type.Object({
            fileOffset: Bytes('File offset of the piece'),
            length: Type.Integer({ minimum: 1 }),
            zero: Type.Literal(true, { description: 'A hole: these bytes read as zeros, there is nothing to fetch' }),
          }),
          Type.Object({
            fileOffset: Bytes('File offset of the piece'),
            length: Type.Integer({ minimum: 1 }),
            url: Type.String({ description: 'Presigned GET URL of the object holding the piece' }),
            objectRange: Type.Object(
              { start: Bytes('First byte in the object'), end: Bytes('End (exclusive) in the object') },
              { description: 'Send it as `Range: bytes=start-(end-1)`' },
            ),
          }),
        ]),
        { maxItems: DIRECT_MAX_PLAN_PIECES, description: 'In file order, back to back from offset to end' },
      ),
    },
    { description: 'Where the bytes of a range are: presigned ranged GETs and zero-filled holes' },
  ),
);

/** downloadFile's `redirect`: a 307 to a presigned URL when one object answers the request. */
export const RedirectQuery = Type.Object({
  redirect: Type.Optional(
    Type.Boolean({
      description:
        'Answer 307 to a presigned S3 URL when the request means the same bytes on one block object as on the file (the object starts at the file’s first byte, and the Range lies within the file or the object is the whole file); otherwise the normal answer',
    }),
  ),
});
