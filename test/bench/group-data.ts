// The data path on S3 (data-rates.ts): sequential writes and reads through the API against raw
// S3 PUT/GET, each in its own process (server, client, S3 server).
import type { BenchGroup } from './bench-group.ts';
import { describeData, dataRows } from './data-report.ts';
import { measureDataRates } from './data-rates.ts';

export const dataGroup: BenchGroup = {
  name: 'data',
  async run(s) {
    process.stderr.write(`[bench] data path on S3: ${s.dataMiB} MiB sequential, ${s.dataRounds} rounds\n`);
    const data = await measureDataRates(s.dataMiB, s.dataRounds);
    return { notes: describeData(data), rows: dataRows(data) };
  },
};
