// Builds the embeddable chat widget (web/widget) into one classic script, web/dist/widget/widget.js, served by
// the desk at /chat/widget.js. Runs after the main build (vite.config.ts empties web/dist), so it must not
// empty the folder. No hash in the name: host pages embed a fixed address.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./widget'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('./dist/widget'),
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: {
      entry: here('./widget/main.ts'),
      formats: ['iife'],
      name: 'walletdeskChatWidget',
      fileName: () => 'widget.js',
    },
  },
});
