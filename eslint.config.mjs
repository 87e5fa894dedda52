import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'test/artifacts/**',
      'public/vendor/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through AppConfig (src/config), not process.env.',
        },
      ],
    },
  },
  {
    files: [
      'src/config/**',
      'src/sandbox/**',
      'test/**',
      'bench/**',
      'src/main.ts',
      'src/cli.ts',
      'src/contract/contract-cli.ts',
      'src/demo/**',
      '*.config.*',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
