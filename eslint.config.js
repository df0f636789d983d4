import js from '@eslint/js'
import vitest from '@vitest/eslint-plugin'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { builtinModules } from 'node:module'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

/** Folders name runtimes; these rules keep each folder to what its runtime has. */
const restrict = (paths, patterns = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
})
const noElectron = {
  name: 'electron',
  message: 'Only src/main/electron/ and src/main/index.ts may import electron.',
}
const noNode = nodeBuiltins.map((name) => ({ name, message: 'This folder runs without Node.' }))

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      // Local scratch scripts (git-ignored), not part of the project.
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [noElectron, ...noNode],
      [
        {
          group: [
            'react',
            'react-dom',
            '**/main/**',
            '**/renderer/**',
            '**/server/**',
            '**/preload/**',
          ],
          message: 'shared/ is pure TypeScript.',
        },
      ],
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: restrict(
      [noElectron],
      [
        {
          group: ['**/renderer/**', '**/server/**'],
          message: 'main/ cannot reach into other runtimes.',
        },
      ],
    ),
  },
  {
    // Services speak their domain (DomainError); the RPC server maps it to the wire.
    files: ['src/main/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [noElectron],
      [
        {
          group: ['**/renderer/**', '**/server/**'],
          message: 'main/ cannot reach into other runtimes.',
        },
        {
          group: ['**/shared/rpc/**'],
          message:
            'A service throws DomainError (shared/domain/errors), never a transport’s error.',
        },
      ],
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(noNode, [
      { group: ['**/main/**', '**/renderer/**'], message: 'The preload is only a pipe.' },
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [noElectron, ...noNode],
        [
          {
            group: ['**/main/**', '**/server/**', '**/preload/**'],
            message: 'The renderer talks to main only through the contract.',
          },
        ],
      ),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict(
      [noElectron],
      [
        {
          group: ['**/main/**', '**/renderer/**', '**/preload/**'],
          message: 'The sync server imports src/shared only.',
        },
      ],
    ),
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // An expect() without a matcher asserts nothing, so a test built on one cannot fail.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    plugins: { vitest },
    rules: {
      'vitest/valid-expect': ['error', { maxArgs: 2, asyncMatchers: ['toPass'] }],
    },
  },
)
