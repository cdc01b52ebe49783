import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// pdf.js fetches CMaps (CJK text in PDFs without embedded fonts), the standard fonts, ICC
// profiles and its image-decoder wasm at run time; serve them from the package rather than
// copying hundreds of files into the repository.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const pdfjsAssetDirs = ['cmaps', 'standard_fonts', 'iccs', 'wasm'];
const PDFJS_BASE = '/pdfjs/';

function pdfjsAssets(): Plugin {
  return {
    name: 'hall-pdfjs-assets',
    configureServer(server) {
      server.middlewares.use(PDFJS_BASE, (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '').split('?')[0])).replace(/^([/\\])+/, '');
        const file = join(pdfjsRoot, rel);
        if (!pdfjsAssetDirs.some((d) => rel.startsWith(`${d}/`)) || !existsSync(file) || !statSync(file).isFile()) return next();
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const dir of pdfjsAssetDirs) {
        const abs = join(pdfjsRoot, dir);
        if (!existsSync(abs)) continue;
        for (const name of readdirSync(abs)) {
          if (name.startsWith('LICENSE')) continue;
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${name}`, source: readFileSync(join(abs, name)) });
        }
      }
    },
  };
}

// In development the API runs apart (apps/server on :3000); in production the server serves dist/.
const apiTarget = process.env.HALL_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), pdfjsAssets()],
  server: { proxy: { '/api': { target: apiTarget } } },
  preview: { proxy: { '/api': { target: apiTarget } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
});
