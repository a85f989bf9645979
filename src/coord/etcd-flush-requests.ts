// FlushRequests on etcd (types.ts; DESIGN §5 "Instances"). Keys under the root prefix:
//   dirty/{fs}/{ino}/{id}  this instance holds unflushed writes of the file; value: its write
//                          verifier; under its session's lease (put again under every new one)
//   flushreq/{fs}/{ino}    a request that the holders flush the file; every instance watches
//                          the prefix, and one holding the file flushes it and clears its marker
//
// Guarantees of flushOthers: it returns once no holder seen at its start still has its marker
// (each flushed, or its session ended), or fails with EAGAIN after FLUSH_WAIT_MS. A holder whose
// marker went while it is no longer registered (Registry) ended its session without clearing
// the marker: its verifier is answered as lost (its writes died with it). Calls are retried
// through an etcd election, then EAGAIN (etcd-call.ts).
import type { Etcd3, Watcher } from 'etcd3';
import { fsErr } from '../errno.ts';
import { etcdCall } from './etcd-call.ts';
import type { EtcdSession } from './etcd-session.ts';
import type { FlushRequests, InstanceInfo, Registry } from './types.ts';

/** How long flushOthers waits for the holders (a flush writes out at most the write-back cache). */
export const FLUSH_WAIT_MS = 30_000;
/** How often the holders' markers are read while waiting. */
const FLUSH_POLL_MS = 50;

export interface EtcdFlushRequestsOptions {
  client: Etcd3;
  session: EtcdSession;
  /** Root prefix; the keys are `dirty/…` and `flushreq/…` under it (header). */
  prefix: string;
  self: InstanceInfo;
  /** Who is alive, to tell a holder that flushed from one that died. */
  registry: Registry;
  log?: (msg: string, err?: unknown) => void;
}

type FlushHandler = (fsId: number, ino: number) => Promise<void>;

export class EtcdFlushRequests implements FlushRequests {
  /** Files this instance holds unflushed writes of, by `{fs}/{ino}`. */
  private readonly dirty = new Map<string, { fsId: number; ino: number }>();
  private handler?: FlushHandler;
  private watcher?: Watcher;

  constructor(private readonly o: EtcdFlushRequestsOptions) {
    o.session.hold(async () => {
      for (const d of this.dirty.values()) await this.putMarker(d.fsId, d.ino);
    });
  }

  private key(rest: string): string {
    return this.o.prefix + rest;
  }

  async start(): Promise<void> {
    this.watcher = await this.o.client.watch().prefix(this.key('flushreq/')).create();
    this.watcher.on('put', (kv) => void this.onRequest(kv.key.toString()));
  }

  private async putMarker(fsId: number, ino: number): Promise<void> {
    await etcdCall('a dirty marker', () =>
      this.o.session.lease
        .put(this.key(`dirty/${fsId}/${ino}/${this.o.self.id}`))
        .value(this.o.self.verifier)
        .exec(),
    );
  }

  async markDirty(fsId: number, ino: number, dirty: boolean): Promise<void> {
    const id = `${fsId}/${ino}`;
    if (dirty) {
      if (this.dirty.has(id)) return;
      this.dirty.set(id, { fsId, ino });
      await this.putMarker(fsId, ino);
    } else if (this.dirty.delete(id)) {
      await etcdCall('a dirty marker', () =>
        this.o.client
          .delete()
          .key(this.key(`dirty/${id}/${this.o.self.id}`))
          .exec(),
      );
    }
  }

  async flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }> {
    const prefix = this.key(`dirty/${fsId}/${ino}/`);
    const holders = async () =>
      Object.entries(await etcdCall('dirty markers', () => this.o.client.getAll().prefix(prefix).strings()))
        .map(([k, verifier]) => ({ id: k.slice(prefix.length), verifier }))
        .filter((h) => h.id !== this.o.self.id);
    const waitingFor = await holders();
    if (waitingFor.length === 0) return { lost: [] };
    await etcdCall('a flush request', () =>
      this.o.client
        .put(this.key(`flushreq/${fsId}/${ino}`))
        .value(`${this.o.self.id}:${Date.now()}`)
        .exec(),
    );
    const deadline = Date.now() + FLUSH_WAIT_MS;
    for (;;) {
      const left = new Set((await holders()).map((h) => h.id));
      if (!waitingFor.some((h) => left.has(h.id))) break;
      if (Date.now() > deadline) {
        throw fsErr('EAGAIN', `instances ${[...left].join(', ')} did not flush the file in time`);
      }
      await new Promise((r) => setTimeout(r, FLUSH_POLL_MS));
    }
    // A marker can go because its instance flushed, or because it died (lease expired).
    const alive = new Set((await this.o.registry.instances()).map((i) => i.id));
    return { lost: waitingFor.filter((h) => !alive.has(h.id)).map((h) => h.verifier) };
  }

  onFlushRequest(handler: FlushHandler): void {
    this.handler = handler;
  }

  private async onRequest(key: string): Promise<void> {
    const m = /flushreq\/(\d+)\/(\d+)$/.exec(key);
    if (!m || !this.handler || !this.dirty.has(`${m[1]}/${m[2]}`)) return;
    try {
      await this.handler(Number(m[1]), Number(m[2]));
    } catch (e) {
      this.o.log?.(`flush requested by another instance failed for inode ${m[2]}`, e);
    }
  }

  async stop(): Promise<void> {
    await this.watcher?.cancel();
  }
}
