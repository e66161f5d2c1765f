import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import path from 'path';
import webpack from 'webpack';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Build config for both targets (`taro build --type weapp|h5`).
 * - h5: hash router, served by the Sunboard server at `/`; the API is same-origin, so API_BASE is ''.
 * - weapp: API_BASE comes from SUNBOARD_API_BASE (default the production host).
 */
/** The bit of webpack-chain used here. */
interface Chain {
  plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown };
}

/** Ship only the Chinese zod locale (see zod-locales-zh.cjs). */
function onlyChineseZodLocale(chain: Chain) {
  chain
    .plugin('zod-locales-zh')
    .use(webpack.NormalModuleReplacementPlugin, [/zod[\\/]v4[\\/]locales[\\/]index\.c?js$/, path.resolve(__dirname, 'zod-locales-zh.cjs')]);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV ?? 'h5';
  const apiBase = env === 'h5' ? '' : (process.env.SUNBOARD_API_BASE ?? 'https://sunboard.example.gov.cn').replace(/\/+$/, '');

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'sunboard',
    date: '2026-11-26',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    // h5: a favicon (the browser asks for one; without it the server answers 404).
    copy: {
      patterns: env === 'h5' ? [{ from: 'src/assets/tabbar/home-active.png', to: 'dist/h5/favicon.png' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          // Only *.module.scss files are CSS Modules; app.scss and styles/ are global.
          enable: true,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      // Keep modules used only by sub-packages out of the main package.
      optimizeMainPackage: { enable: true },
      webpackChain(chain) {
        onlyChineseZodLocale(chain);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Plain DOM elements (div/input) instead of web components: lighter, and screen readers
      // and keyboard users get real elements.
      useHtmlComponents: true,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        onlyChineseZodLocale(chain);
        // Taro splits only initial chunks; pages are lazy chunks, so modules they share
        // (@sunboard/shared, components) would be copied into each page. Share them instead.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pagesShared: { chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true, name: false },
            },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: true,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
