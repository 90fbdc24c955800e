import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// API server the dev/preview servers proxy to (override with MWSP_API_URL).
const backend = process.env.MWSP_API_URL || 'http://localhost:3000';

/** A pattern matching files of the given npm packages (names may hold a pattern, like `rc-[^\\/]+`). */
const packagesPattern = (names: string[]) => new RegExp(`[\\\\/]node_modules[\\\\/](${names.join('|')})[\\\\/]`);
const ANTD_PACKAGES = packagesPattern([
  'antd',
  '@ant-design',
  'rc-[^\\\\/]+',
  '@rc-component',
  '@emotion',
  'stylis',
  'dayjs',
  'classnames',
  'throttle-debounce',
  'compute-scroll-into-view',
  'scroll-into-view-if-needed',
  'copy-to-clipboard',
  'toggle-selection',
  'json2mq',
  'string-convert',
  'resize-observer-polyfill',
]);
const REACT_PACKAGES = packagesPattern([
  'react',
  'react-dom',
  'scheduler',
  'react-router',
  'react-router-dom',
  '@tanstack',
  'cookie',
  'set-cookie-parser',
]);

function chunkFor(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/[\\/]node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/.test(id)) return 'echarts';
  if (ANTD_PACKAGES.test(id)) return 'antd';
  if (REACT_PACKAGES.test(id)) return 'react';
  if (/[\\/]node_modules[\\/](qrcode|pngjs|dijkstrajs)[\\/]/.test(id)) return 'qrcode';
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/metrics': { target: backend, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/metrics': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: chunkFor,
      },
    },
  },
});
