import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.local/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      // STYLE.md: configuration is read once, in the config lib.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through @cpc/config.' }],
    },
  },
  {
    files: ['libs/config/**', '**/*.spec.ts', '**/*.int-spec.ts', 'test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
