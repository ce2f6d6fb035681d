import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'dns',
  'stream',
  'util',
  'events',
  'worker_threads',
  'timers',
];
const bannedNodeImports = {
  patterns: [{ group: ['node:*'], message: 'Node built-ins are not allowed here (deterministic, sandboxed code).' }],
  paths: nodeBuiltins.map((name) => ({
    name,
    message: 'Node built-ins are not allowed here (deterministic, sandboxed code).',
  })),
};

export default tseslint.config(
  { ignores: ['node_modules', '.tools', '.data', 'dist', 'coverage', '*.config.js', '*.config.mjs', 'scripts/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['workflows/**/*.ts', 'domain/**/*.ts'], rules: { 'no-restricted-imports': ['error', bannedNodeImports] } },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
