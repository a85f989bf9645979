// `npm run build`: dist/ for the two ways CirrusFS runs outside a checkout (README "Deploy").
//
//   dist/server.js   the process entry (containers, one process): our code in one ESM bundle;
//                    packages stay imports, served by `npm ci --omit=dev`'s node_modules.
//   dist/lambda.js   the AWS Lambda handler (`handler`): everything in one ESM bundle (and the
//                    chunks of the backends it loads on demand, lambda-*.js), so the
//                    function's package is dist/ without server.js and needs no node_modules,
//                    except the one native addon (@node-rs/crc32), copied to dist/node_modules.
//
// Both with source maps (run with --enable-source-maps). Two things a bundle breaks are fixed
// here: a package reading files next to its own code at run time (`__dirname`) gets its own
// directory under dist/assets/ with those files copied; and CommonJS code's `require` of Node
// built-ins gets a real `require`. `--analyze` prints what the Lambda bundle is made of.
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { analyzeMetafile, build, type BuildOptions, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const MODULES = join(ROOT, 'node_modules');

/** Node 20 is the oldest runtime in `engines`. */
const TARGET = 'node20';

/** Packages that read files beside their code at run time, and which of their folders they read. */
const PACKAGE_FILES: { pkg: string; dirs: string[]; why: string }[] = [
  { pkg: 'etcd3', dirs: ['proto'], why: 'loads proto/rpc.proto (and its imports) when imported' },
  { pkg: '@fastify/swagger-ui', dirs: ['static'], why: 'reads static/logo.svg, serves static/ at /docs' },
];

/** Native addons cannot be bundled: kept as imports and copied with their platform binaries. */
const NATIVE = ['@node-rs/crc32'];

const banner = [
  "import { createRequire as __cirrusRequire } from 'node:module';",
  "import { fileURLToPath as __cirrusPath } from 'node:url';",
  'const require = __cirrusRequire(import.meta.url);',
  "const __cirrusAssets = __cirrusPath(new URL('./assets/', import.meta.url));",
].join('\n');

/** Gives each file of PACKAGE_FILES' packages a `__dirname` inside dist/assets/<package>/. */
const packageDirs: Plugin = {
  name: 'package-dirs',
  setup(b) {
    const names = PACKAGE_FILES.map((p) => p.pkg.replace(/[/.]/g, (c) => `\\${c}`)).join('|');
    b.onLoad({ filter: new RegExp(`/node_modules/(${names})/.*\\.js$`) }, async (args) => {
      const dir = relative(MODULES, dirname(args.path));
      const contents = await readFile(args.path, 'utf8');
      return { contents: `var __dirname = __cirrusAssets + ${JSON.stringify(dir)};\n${contents}`, loader: 'js' };
    });
  },
};

/**
 * pino looks up its caller's file with util.getCallSites() (to resolve relative transport
 * paths). Under --enable-source-maps (as infra/cdk runs the function) Node ≥ 22.12 maps every
 * call site through the source maps, so the first logger Fastify makes decodes the whole map of
 * lambda.js: a third of a cold start's CPU time on Node 24. The bundle's own files are also the
 * right answer for paths resolved at run time, so the call asks for unmapped sites. (Node 22.9
 * to 22.11 name it getCallSite and take no options: there it is left alone.)
 */
const PINO_CALLER = { file: /\/node_modules\/pino\/lib\/caller\.js$/, call: 'getCallSites()' };
const pinoCallSitesUnmapped: Plugin = {
  name: 'pino-call-sites-unmapped',
  setup(b) {
    b.onLoad({ filter: PINO_CALLER.file }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(PINO_CALLER.call))
        throw new Error(`${args.path} has no ${PINO_CALLER.call}: check scripts/build.ts against this pino`);
      const unmapped = `(util.getCallSites ? util.getCallSites({ sourceMap: false }) : ${PINO_CALLER.call})`;
      return { contents: text.replace(PINO_CALLER.call, unmapped), loader: 'js' };
    });
  },
};

/**
 * Node's HTTP modules reached through `require`, not an ES import. An ES import of a built-in
 * copies every export into the module namespace, and node:http's exports include getters
 * (WebSocket, CloseEvent, MessageEvent) that load Node's whole bundled undici: measured on Node
 * 24, `import('node:http')` takes ~33 ms, `require('node:http')` ~4 ms — a tenth of a Lambda cold
 * start. The AWS SDK's ES builds and our own code import them; here those imports get the
 * module that `require` returns (a CommonJS wrapper the bundle interops with as usual).
 */
const REQUIRED_BUILTINS = /^(node:)?(http|https)$/;
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: REQUIRED_BUILTINS }, (args) =>
      args.namespace === 'required-builtin'
        ? undefined
        : { path: args.path.replace(/^node:/, ''), namespace: 'required-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'required-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: TARGET,
  sourcemap: true,
  // Stack traces need the mappings, not the sources: without their text the maps are a third
  // of the size, which is both most of the zipped Lambda package and what --enable-source-maps
  // reads and parses when each chunk loads.
  sourcesContent: false,
  minify: true,
  keepNames: true, // error and class names stay readable in logs
  legalComments: 'linked',
  logLevel: 'warning',
};

async function copyPackageFiles(dist: string): Promise<void> {
  for (const { pkg, dirs } of PACKAGE_FILES) {
    for (const d of dirs) await cp(join(MODULES, pkg, d), join(dist, 'assets', pkg, d), { recursive: true });
  }
  for (const pkg of NATIVE) {
    const scope = dirname(pkg);
    const base = pkg.slice(scope.length + 1);
    for (const name of await readdir(join(MODULES, scope))) {
      if (name === base || name.startsWith(`${base}-`)) {
        await cp(join(MODULES, scope, name), join(dist, 'node_modules', scope, name), { recursive: true });
      }
    }
  }
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

/** The Lambda package (dist/ without the server bundle): its size, and deflated as in a zip. */
export async function lambdaPackageSize(dist = DIST): Promise<{ files: number; bytes: number; deflated: number }> {
  const list = (await files(dist)).filter((f) => !/\/server\.js(\.map)?$/.test(f) && !f.endsWith('.meta.json'));
  let bytes = 0;
  let deflated = 0;
  for (const f of list) {
    bytes += (await stat(f)).size;
    deflated += deflateRawSync(await readFile(f), { level: 9 }).length;
  }
  return { files: list.length, bytes, deflated };
}

/** Build into `dist` (default: the checkout's dist/; tests build into directories of their own). */
export async function buildDist(opts: { dist?: string; analyze?: boolean } = {}): Promise<void> {
  const dist = opts.dist ?? DIST;
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await build({
    ...common,
    entryPoints: { server: join(ROOT, 'src/server.ts') },
    outdir: dist,
    packages: 'external',
  });
  const lambda = await build({
    ...common,
    entryPoints: { lambda: join(ROOT, 'src/lambda.ts') },
    outdir: dist,
    banner: { js: banner },
    external: NATIVE,
    plugins: [packageDirs, pinoCallSitesUnmapped, builtinsByRequire],
    // The AWS SDK's ES module builds (its packages' "module" field) rather than its CommonJS
    // ones: each CommonJS client is one file holding every command, the ES build lets the
    // bundle keep only the commands we send. Only the AWS SDK and Smithy packages differ
    // between the two (the others either have one build or choose by "exports").
    mainFields: ['module', 'main'],
    // The backends app.ts imports on demand become chunks beside lambda.js, compiled only when
    // configured (a cold start does not parse etcd's gRPC stack when it uses another engine).
    splitting: true,
    chunkNames: 'lambda-[name]-[hash]',
    metafile: true,
  });
  await copyPackageFiles(dist);
  // The Lambda package has no package.json of ours above it: .js files are ES modules here.
  await writeFile(join(dist, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  if (opts.analyze) {
    console.log(await analyzeMetafile(lambda.metafile, { verbose: false }));
    // For tools such as esbuild's bundle analyzer; not part of the Lambda package.
    await writeFile(join(dist, 'lambda.meta.json'), JSON.stringify(lambda.metafile));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildDist({ analyze: process.argv.includes('--analyze') });
  const size = await lambdaPackageSize();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  console.log(
    `dist/: server.js, lambda.js; Lambda package ${size.files} files, ${mb(size.bytes)}, ~${mb(size.deflated)} zipped`,
  );
}
