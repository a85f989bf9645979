// CirrusFS next to rclone serve webdav and nginx's WebDAV, and raw S3 (peer-rates.ts).
import type { BenchGroup } from './bench-group.ts';
import { measurePeers } from './peer-rates.ts';
import { describePeers, peerRows } from './peer-report.ts';

export const peersGroup: BenchGroup = {
  name: 'peers',
  async run(s) {
    process.stderr.write(
      `[bench] peers: ${s.peerFiles} x ${s.peerFileBytes} B and ${s.peerMiB} MiB, ${s.peerInFlight} in flight, ` +
        `${s.peerRounds} rounds\n`,
    );
    const r = await measurePeers({
      inFlight: s.peerInFlight,
      files: s.peerFiles,
      fileBytes: s.peerFileBytes,
      bigMiB: s.peerMiB,
      rounds: s.peerRounds,
    });
    return { notes: describePeers(r), rows: peerRows(r) };
  },
};
