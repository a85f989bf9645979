// What the etcd cache tests share: two engines on one etcd and one key prefix (two CirrusFS
// instances), closed at teardown, and small value helpers.
import type { Test } from 'tap';
import { EtcdKv } from '../../src/kv/etcd.ts';
import type { EtcdCluster } from '../support/etcd.ts';

export { b, count, str } from './values.ts';

/** A maker of engine pairs, each pair on a fresh prefix `${tag}${n}/`. */
export function enginePairs(t: Test, etcd: EtcdCluster, tag: string): () => readonly [EtcdKv, EtcdKv] {
  let n = 0;
  return () => {
    const prefix = `${tag}${n++}/`;
    const a = new EtcdKv({ endpoints: etcd.endpoints, prefix });
    const other = new EtcdKv({ endpoints: etcd.endpoints, prefix });
    t.teardown(async () => {
      await a.close();
      await other.close();
    });
    return [a, other] as const;
  };
}
