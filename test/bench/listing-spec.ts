// What the listing benchmark's build child (listing-build-child.ts) is asked (argv, JSON) and
// answers (IPC).

export interface ListingBuild {
  /** The memory engine's directory (CIRRUS_META=memory:…), owned by the parent. */
  metaDir: string;
  fsName: string;
  /** Directories under the root, each filled with `entries` empty files f0, f1, … */
  dirs: { name: string; entries: number }[];
}

export interface ListingBuilt {
  seconds: number;
  /** KV keys after the build. */
  keys: number;
}
