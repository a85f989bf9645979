// Who this instance is: a stable-for-its-life id and a write verifier (DESIGN §1.3, as in
// NFSv3 COMMIT) that changes on every boot, so a client can tell that unflushed writes it
// made through an earlier incarnation are gone.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export interface InstanceIdentity {
  id: string;
  verifier: string;
  startedAt: string;
}

export function newIdentity(): InstanceIdentity {
  return {
    id: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    verifier: randomBytes(8).toString('hex'),
    startedAt: new Date().toISOString(),
  };
}
