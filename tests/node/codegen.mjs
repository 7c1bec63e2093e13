// Runs @graphql-codegen (typescript + typescript-operations) against a live LifeOS server:
// the schema comes from introspecting LIFEOS_GRAPHQL_URL (no sign-in needed), the operations
// from a small document below. Prints the generated TypeScript on stdout; exits non-zero if
// codegen fails. Also checks graphql-js can build a client schema from the full introspection.
import { generate } from '@graphql-codegen/cli';
import { buildClientSchema, getIntrospectionQuery, validateSchema } from 'graphql';

const url = process.env.LIFEOS_GRAPHQL_URL;
if (!url) throw new Error('LIFEOS_GRAPHQL_URL is not set');

const operations = /* GraphQL */ `
  query NotesPage($first: Int, $after: String) {
    notes(first: $first, after: $after) { edges { cursor node { id title updatedAt } } pageInfo { hasNextPage endCursor } }
  }
  query History($type: EntityType!, $id: ID!) { history(entityType: $type, id: $id) { version eventType recordedAt } }
  mutation CreateNote($input: CreateNoteInput!) { createNote(input: $input) { id version } }
`;

// The same document GraphiQL and schema tools send, with every option graphql-js offers.
const query = getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
  schemaDescription: true, inputValueDeprecation: true, oneOf: true,
});
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json' },
  body: JSON.stringify({ query }),
});
const body = await response.json();
if (body.errors) throw new Error(`introspection refused: ${JSON.stringify(body.errors)}`);
const problems = validateSchema(buildClientSchema(body.data));
if (problems.length) throw new Error(`the introspected schema is invalid: ${problems.map(String).join('; ')}`);

const files = await generate(
  {
    schema: url,
    documents: operations,
    generates: { 'generated.ts': { plugins: ['typescript', 'typescript-operations'] } },
    silent: true,
    errorsOnly: true,
  },
  false,
);
for (const file of files) process.stdout.write(file.content);
