// The web workspace's build (issue 8): web/ → dist/web, served by Heli itself at `/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // JSX with React's automatic runtime, compiled by Vite's own transformer (no Babel, no fast refresh needed).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // TanStack Query marks its modules "use client" for server-component bundlers; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite web` during development: the API runs on `npm start`.
    proxy: { '/v1': 'http://127.0.0.1:3000', '/auth': 'http://127.0.0.1:3000' },
  },
});
