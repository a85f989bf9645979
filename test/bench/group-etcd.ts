// CirrusFS on a single-node etcd (etcd-rates.ts); BENCH_ETCD=0 skips it.
import type { BenchGroup } from './bench-group.ts';
import { describeEtcd, etcdRows, etcdSettings, measureEtcdRates } from './etcd-rates.ts';

export const etcdGroup: BenchGroup = {
  name: 'etcd',
  skipped: (s) => (s.etcd ? undefined : 'BENCH_ETCD=0'),
  async run(s) {
    process.stderr.write(
      `[bench] CirrusFS on a single-node etcd: ${s.etcdRounds} rounds of ${s.seconds} s, ${s.connections} workers / connections, ` +
        `${s.etcdCreators} creators for the hot parent\n`,
    );
    const etcd = await measureEtcdRates(etcdSettings(s));
    return { notes: describeEtcd(etcd), rows: etcdRows(etcd) };
  },
};
