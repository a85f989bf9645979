// The data-path rows of the result table (data-rates.ts) and their description lines, for
// `npm run bench` (group-data.ts) and the data-only runner (data-only.ts).
import { describeCpu } from './client-process.ts';
import type { DataRates } from './data-rates.ts';
import { int, ratioRow, valueRow, verdict, type Row } from './table.ts';

export const DATA_TARGET = 0.8;
export const SMALL_WRITE_OBJECTS_TARGET = 4;

const mibPerSecond = { format: (n: number) => n.toFixed(1), unit: 'MiB/s' };

export function dataRows(data: DataRates): Row[] {
  return [
    valueRow('s3 raw PUT, 1 MiB objects, sequential (MiB/s)', data.rawPutMiBs, mibPerSecond),
    ratioRow('api writeData 1 MiB sequential + flush, on S3 (MiB/s)', data.apiWriteMiBs, data.rawPutMiBs, {
      ...mibPerSecond,
      target: { atLeast: DATA_TARGET },
    }),
    valueRow('s3 raw GET, 1 MiB objects, sequential (MiB/s)', data.rawGetMiBs, mibPerSecond),
    ratioRow('api readData 1 MiB ranges sequential, cold, on S3 (MiB/s)', data.apiReadMiBs, data.rawGetMiBs, {
      ...mibPerSecond,
      target: { atLeast: DATA_TARGET },
    }),
    // Context, not a target: the same ranges read again. A sequential run past the large-read
    // limit is a scan that the read cache does not keep, so this is mostly another cold read.
    valueRow('api readData 1 MiB ranges sequential, read again (MiB/s)', data.apiRereadMiBs, mibPerSecond),
    {
      metric: `objects for 8 MiB written as ${int(data.smallWrites)} x 4 KiB + flush`,
      value: int(data.smallWriteObjects),
      target: `<= ${SMALL_WRITE_OBJECTS_TARGET}`,
      verdict: verdict(data.smallWriteObjects <= SMALL_WRITE_OBJECTS_TARGET),
      figures: { value: data.smallWriteObjects, unit: 'objects' },
    },
  ];
}

export function describeData(data: DataRates): string[] {
  const r = data.runs;
  return [
    `Data path on S3: ${data.mib} MiB sequential, one request at a time, best of ${data.rounds} interleaved rounds. Processes: the S3 server, the CirrusFS server ` +
      '(memory metadata, S3 objects), and one client process making both the API calls (undici, keep-alive) and the ' +
      'raw S3 calls (AWS SDK, keep-alive agent); the bench process only orchestrates.',
    `  (best rounds) raw PUT ${describeCpu(r.rawPut.cpu)}; raw GET ${describeCpu(r.rawGet.cpu)}`,
    `  api write ${describeCpu(r.apiWrite.cpu)}; api read ${describeCpu(r.apiRead.cpu)}; read again ${describeCpu(r.apiReread.cpu)}`,
  ];
}
