/**
 * Stand-in for zod's `locales` index in the mini program bundles. @sunboard/shared only calls
 * `z.config(z.locales.zhCN())`; the full index pulls in every language zod ships (~250 KB
 * minified), which the weapp main package and elderly residents' phones should not carry.
 * Wired up by the NormalModuleReplacementPlugin in config/index.ts.
 */
'use strict';
const zhCN = require('zod/v4/locales/zh-CN.cjs');

exports.zhCN = zhCN.default || zhCN;
