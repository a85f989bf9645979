// The data-path rows of the result table: the rows and target run.ts prints for data-rates.ts,
// plus an informative re-read row, for the data-only runner (data-only.ts).
import type { DataRates } from './data-rates.ts';
import { fixed, int, verdict, type Row } from './table.ts';

export const DATA_TARGET = 0.8;
export const SMALL_WRITE_OBJECTS_TARGET = 4;

export function dataRows(data: DataRates): Row[] {
  return [
    { metric: `s3 raw PUT, 1 MiB objects, sequential (MiB/s)`, value: fixed(data.rawPutMiBs, 1) },
    {
      metric: `api writeData 1 MiB sequential + flush, on S3 (MiB/s)`,
      value: fixed(data.apiWriteMiBs, 1),
      baseline: fixed(data.rawPutMiBs, 1),
      ratio: fixed(data.apiWriteMiBs / data.rawPutMiBs),
      target: `>= ${fixed(DATA_TARGET)}`,
      verdict: verdict(data.apiWriteMiBs / data.rawPutMiBs >= DATA_TARGET),
    },
    { metric: `s3 raw GET, 1 MiB objects, sequential (MiB/s)`, value: fixed(data.rawGetMiBs, 1) },
    {
      metric: `api readData 1 MiB ranges sequential, cold, on S3 (MiB/s)`,
      value: fixed(data.apiReadMiBs, 1),
      baseline: fixed(data.rawGetMiBs, 1),
      ratio: fixed(data.apiReadMiBs / data.rawGetMiBs),
      target: `>= ${fixed(DATA_TARGET)}`,
      verdict: verdict(data.apiReadMiBs / data.rawGetMiBs >= DATA_TARGET),
    },
    // Context, not a target: the same ranges read again. A sequential run past the large-read
    // limit is a scan that the read cache does not keep, so this is mostly another cold read.
    { metric: `api readData 1 MiB ranges sequential, read again (MiB/s)`, value: fixed(data.apiRereadMiBs, 1) },
    {
      metric: `objects for 8 MiB written as ${int(data.smallWrites)} x 4 KiB + flush`,
      value: int(data.smallWriteObjects),
      target: `<= ${SMALL_WRITE_OBJECTS_TARGET}`,
      verdict: verdict(data.smallWriteObjects <= SMALL_WRITE_OBJECTS_TARGET),
    },
  ];
}
