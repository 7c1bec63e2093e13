// Generates src/generated/graphql.ts (schema types, operation types and typed document nodes)
// from the checked-in SDL (`lifeosd schema` > spec/schema.graphql), the documents in
// src/graphql/ and the sync protocol's documents, which the Rust reference client compiles
// too (client/graphql/: one copy for both clients). `.ci/run` regenerates and fails on any
// difference: never edit the output.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../../spec/schema.graphql',
  documents: ['src/graphql/*.graphql', '../../client/graphql/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-operations', 'typed-document-node'],
      config: {
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        defaultScalarType: 'unknown',
        scalars: {
          ID: 'string',
          DateTime: 'string',
          Date: 'string',
          Decimal: 'string',
          CurrencyCode: 'string',
          TimeZone: 'string',
          JSON: { input: './json.js#JsonValue', output: './json.js#JsonValue' },
          Long: { input: 'number | string', output: 'number' },
        },
      },
    },
  },
  hooks: {},
};

export default config;
