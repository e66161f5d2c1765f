// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
  // @sunboard/shared is a workspace package whose dist is CommonJS; it resolves outside
  // node_modules (symlink), so babel sees it. 'unambiguous' keeps babel from injecting ES
  // `import`s of helpers into a CommonJS file (which would break `exports` at runtime).
  sourceType: 'unambiguous',
};
