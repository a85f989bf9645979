// What the etcd cache tests share: two engines on one etcd and one key prefix (two CirrusFS
// instances), closed at teardown, and small value helpers.
import type { Test } from 'tap';
import { EtcdKv } from '../../src/kv/etcd.ts';
import type { EtcdCluster } from '../support/etcd.ts';

export const b = (s: string) => Buffer.from(s);
export const str = (v: Buffer | undefined) => v?.toString();
export const count = (v: Buffer | undefined) => Number(v?.toString() ?? '0');

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
