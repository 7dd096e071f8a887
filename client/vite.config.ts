/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { OutputBundle, OutputChunk } from 'rolldown';

// index.html preloads the page language's catalogue chunk (src/i18n/messages.ts, issue 22): the
// chunks' file names, with the chunks they import, are only known once the bundle is written.
function catalogueChunks() {
  return {
    name: 'kazgov-catalogue-chunks',
    transformIndexHtml: {
      order: 'post' as const,
      handler(html: string, context: { bundle?: OutputBundle }) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
        const files = (chunk: OutputChunk, seen = new Set<string>()): string[] => {
          if (seen.has(chunk.fileName)) return [];
          seen.add(chunk.fileName);
          const imported = chunk.imports.flatMap((name) => {
            const next = chunks.find((c) => c.fileName === name);
            return next ? files(next, seen) : [];
          });
          return [`/${chunk.fileName}`, ...imported];
        };
        const map: Record<string, string[]> = {};
        for (const language of ['kk', 'ru', 'en']) {
          const chunk = chunks.find((c) => Object.keys(c.modules).some((id) => id.replace(/\\/g, '/').endsWith(`/src/i18n/${language}.ts`)));
          if (!chunk) throw new Error(`no chunk holds the ${language} catalogue`);
          map[language] = files(chunk);
        }
        return html.replace('{ /* catalogue chunks */ }', JSON.stringify(map));
      },
    },
  };
}

// Dev mode (npm run dev): Vite serves the app with hot reload on :5173 and passes the API's
// paths to the running API (./build/run, or KAZGOV_API_URL), so the browser sees one origin.
const api = process.env.KAZGOV_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), catalogueChunks()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': api,
      '/openapi': api,
      '/swagger': api,
      '/health': api,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Rendering whole Mantine forms in jsdom takes seconds on a busy 2-core machine; the default 5 s is too tight.
    testTimeout: 20_000,
  },
});
