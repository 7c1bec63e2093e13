// The `JSON` scalar's TypeScript type, referenced by the generated code (kept beside it).
/** Any JSON value (RFC 8259), as the server sends it: field names inside are camelCase. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object: an entity's fields, a change's row. */
export type JsonObject = { [key: string]: JsonValue };
