/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Dev mode (npm run dev): Vite serves the app with hot reload on :5173 and passes the API's
// paths to the running API (./build/run, or KAZGOV_API_URL), so the browser sees one origin.
const api = process.env.KAZGOV_API_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
