// Builds the agent console (/agent) and the help center (/help) into web/dist, served by src/http/routes/web.ts.
// Two entries so the help center ships none of the console's code; assets are content-hashed under /static/assets.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./'),
  base: '/static/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // The server's CSP allows no inline script; Vite's preload polyfill is not needed by the browsers we support.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: {
      input: { agent: here('./agent/index.html'), portal: here('./portal/index.html') },
    },
  },
});
