// Produce the OpenAPI document without serving: build the app on throwaway directories.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';

export async function renderOpenApi(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-openapi-'));
  try {
    const config = loadConfig({
      CIRRUS_META: `memory:${join(dir, 'meta')}`,
      CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
    });
    const { app } = await buildApp(config, { logger: false });
    await app.ready();
    const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return doc;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
