/**
 * Initial-JS size of the console vs a bare React + ReactDOM Vite build made in the same run.
 * "Initial JS" = the entry chunk and every chunk it imports statically (what the browser must load
 * before the first render); lazily loaded chunks are listed separately.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
  name?: string;
}
type Manifest = Record<string, ManifestChunk>;

export interface ChunkSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleFigures {
  initial: { raw: number; gzip: number; files: ChunkSize[] };
  lazy: ChunkSize[];
}

async function sizeOf(dir: string, file: string): Promise<ChunkSize> {
  const bytes = await readFile(join(dir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function measureBuild(outDir: string): Promise<BundleFigures> {
  const manifest = JSON.parse(await readFile(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error(`No entry in ${outDir}/.vite/manifest.json`);
  const initialKeys = new Set<string>();
  const visit = (key: string) => {
    if (initialKeys.has(key)) return;
    initialKeys.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  visit(entryKey);
  const initialFiles = await Promise.all([...initialKeys].map((k) => sizeOf(outDir, manifest[k]!.file)));
  const lazyFiles = await Promise.all(
    Object.entries(manifest)
      .filter(([k, c]) => !initialKeys.has(k) && c.file.endsWith('.js'))
      .map(([, c]) => sizeOf(outDir, c.file)),
  );
  return {
    initial: {
      raw: initialFiles.reduce((s, f) => s + f.raw, 0),
      gzip: initialFiles.reduce((s, f) => s + f.gzip, 0),
      files: initialFiles.filter((f) => f.file.endsWith('.js')),
    },
    lazy: lazyFiles.sort((a, b) => b.gzip - a.gzip),
  };
}

/** Builds a bare React + ReactDOM app with the same Vite and plugin, as the baseline. */
export async function buildBaseline(root: string): Promise<BundleFigures> {
  const dir = resolve(root, 'node_modules/.cache/bench-baseline');
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
  );
  await writeFile(
    join(dir, 'src/main.tsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')!).render(<StrictMode><h1>Hello</h1></StrictMode>);\n",
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir: join(dir, 'dist'), manifest: true, target: 'es2022' },
  });
  return measureBuild(join(dir, 'dist'));
}

export async function buildConsole(root: string): Promise<BundleFigures> {
  await build({ root, logLevel: 'silent' });
  return measureBuild(join(root, 'dist'));
}
