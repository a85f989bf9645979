// Conflict attribution for the etcd benchmark's attribution pass (etcd-rates.ts): after the
// measured rounds the CirrusFS scenarios run once more with every failed commit charged to the
// kinds of key whose compares had failed (directory counter shard, usage shard, dentry, ...),
// read back in the failed Txn itself.
import type { IRequestOp } from 'etcd3';
import { ETCD_MAX_TXN_OPS, type EtcdKv } from '../../src/kv/etcd.ts';

/** Which compared keys had changed when the server's commit txns failed, by kind of key. */
export interface ConflictCauses {
  failedTxns: number;
  /** Key kind → failed compares on keys of that kind. */
  byKind: Record<string, number>;
}

/** The kind of a CirrusFS key (src/fs/keys.ts) for conflict attribution. */
function keyKind(key: Buffer, prefix: string): string {
  const flat = key.toString('latin1').slice(prefix.length);
  const at = flat.indexOf('\x00');
  const [group, item] = at < 0 ? [flat, ''] : [flat.slice(0, at), flat.slice(at + 1)];
  if (group === 'fs') return 'catalogue';
  if (group === 'ctr') return 'id counter';
  if (group.startsWith('n') && item === 'a') return 'inode';
  if (group.startsWith('n') && item.startsWith('c')) return 'dir shard';
  if (group.startsWith('d')) return 'dentry';
  if (group.startsWith('u')) return 'usage shard';
  return 'other';
}

/**
 * While `on`, every txn of the server that compares keys gets, after its own failure branch,
 * keys-only reads of every compared key, so a failed commit tells in the same round trip which
 * compares failed; the engine gets back only its own failure responses. Used only in the
 * attribution pass after the measured rounds (it makes a failed txn read a few more keys).
 */
export function attributeConflicts(kv: EtcdKv, prefix: string): { on: boolean; causes: ConflictCauses } {
  const state = { on: false, causes: { failedTxns: 0, byKind: {} as Record<string, number> } };
  const c = kv.client.kv;
  const txn = c.txn.bind(c);
  c.txn = async (req, options) => {
    const compare = req.compare ?? [];
    const own = req.failure ?? [];
    if (!state.on || compare.length === 0 || own.length + compare.length > ETCD_MAX_TXN_OPS) return txn(req, options);
    const probes = compare.map((cmp): IRequestOp => ({ request_range: { key: cmp.key, keys_only: true } }));
    const res = await txn({ ...req, failure: [...own, ...probes] }, options);
    if (res.succeeded) return res;
    state.causes.failedTxns++;
    compare.forEach((cmp, i) => {
      const now = res.responses[own.length + i]?.response_range?.kvs[0];
      const changed =
        cmp.target === 'Create'
          ? String(now?.create_revision ?? 0) !== String(cmp.create_revision ?? 0)
          : !now || String(now.mod_revision) !== String(cmp.mod_revision);
      if (!changed) return;
      const kind = keyKind(cmp.key!, prefix);
      state.causes.byKind[kind] = (state.causes.byKind[kind] ?? 0) + 1;
    });
    return { ...res, responses: res.responses.slice(0, own.length) };
  };
  return state;
}
