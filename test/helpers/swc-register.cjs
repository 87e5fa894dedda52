/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook loaded with node -r */
// Lets a child process run the TypeScript sources as they are (decorators + metadata, CommonJS),
// so that crash tests kill the real code path, not a build of it.
const { transformSync } = require('@swc/core');
const Module = require('node:module');
const fs = require('node:fs');

const compile = Module._extensions['.js'];
Module._extensions['.ts'] = function (module, filename) {
  if (filename.includes('node_modules')) return compile(module, filename);
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
    },
  });
  module._compile(code, filename);
};
