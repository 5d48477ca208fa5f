// Extracts, from a local copy of Front's OpenAPI document (frontapp/front-api-specs, core-api/core-api.json), the
// schemas of the Core API operations Frontline and its Front simulator use, plus the webhook Event schema, into
// test/contract/front-core-api.schemas.json for the contract test.
//
// Usage: node scripts/extract-front-schemas.mjs <path/to/core-api.json> [--commit <sha>] [--out <file>]
//
// The spec repository has no licence, so the output keeps only what validates (types, required, enums, items,
// combinators), not the prose: descriptions and examples are dropped. Each entry names the spec path it comes from
// and the commit of the spec it was taken from. $refs are inlined (a `title` keeps the component's name), and
// OpenAPI 3.0's `nullable: true` becomes JSON Schema (a "null" type, or anyOf null beside a $ref).
import { readFileSync, writeFileSync } from "node:fs";

const DEFAULT_COMMIT = "f8f5386f91ee6fd1c3a393a2a02641e217b08032";
const DEFAULT_OUT = "test/contract/front-core-api.schemas.json";

/** [method, path]: every Core API operation the simulator serves (front-sim/core-api.ts). */
const OPERATIONS = [
  ["get", "/me"],
  ["get", "/teammates"],
  ["get", "/teammates/{teammate_id}"],
  ["get", "/inboxes"],
  ["get", "/inboxes/{inbox_id}"],
  ["get", "/inboxes/{inbox_id}/channels"],
  ["get", "/channels"],
  ["get", "/channels/{channel_id}"],
  ["get", "/messages/{message_id}"],
  ["get", "/comments/{comment_id}"],
  ["get", "/events/{event_id}"],
  ["get", "/conversations/{conversation_id}"],
  ["patch", "/conversations/{conversation_id}"],
  ["get", "/conversations/{conversation_id}/messages"],
  ["post", "/conversations/{conversation_id}/messages"],
  ["get", "/conversations/{conversation_id}/comments"],
  ["post", "/conversations/{conversation_id}/comments"],
  ["put", "/conversations/{conversation_id}/assignee"],
  ["get", "/conversations/{conversation_id}/drafts"],
  ["post", "/conversations/{conversation_id}/drafts"],
  ["get", "/conversations/{conversation_id}/inboxes"],
];

/** Components wanted on their own: the webhook body, and pieces the contract test checks event sides against. */
const COMPONENT_SCHEMAS = ["EventResponse", "RecipientResponse"];

/** Keywords that only document; everything else is kept. */
const DOCUMENTATION_KEYWORDS = new Set(["description", "example", "examples", "externalDocs", "xml", "deprecated"]);

function parseArgs(argv) {
  const [specPath, ...rest] = argv;
  if (!specPath || specPath.startsWith("--")) {
    throw new Error(
      "Usage: node scripts/extract-front-schemas.mjs <path/to/core-api.json> [--commit <sha>] [--out <file>]",
    );
  }
  const option = (name, fallback) => {
    const index = rest.indexOf(name);
    return index >= 0 && rest[index + 1] ? rest[index + 1] : fallback;
  };
  return { specPath, commit: option("--commit", DEFAULT_COMMIT), out: option("--out", DEFAULT_OUT) };
}

function resolvePointer(spec, ref) {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .reduce((node, key) => {
      const value = node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")];
      if (value === undefined) throw new Error(`Unresolvable $ref ${ref}`);
      return value;
    }, spec);
}

/** A schema with $refs inlined, documentation dropped and `nullable` turned into JSON Schema. */
function toJsonSchema(spec, schema, refStack = []) {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(spec, item, refStack));
  if (schema === null || typeof schema !== "object") return schema;

  const { $ref, nullable, ...rest } = schema;
  let result;
  if ($ref) {
    if (refStack.includes($ref)) throw new Error(`Recursive $ref ${$ref}: cannot inline`);
    const name = $ref.split("/").pop();
    const target = toJsonSchema(spec, resolvePointer(spec, $ref), [...refStack, $ref]);
    // OpenAPI 3.0 ignores siblings of $ref, but Front puts `nullable` there and means it.
    result = { title: name, ...target };
  } else {
    result = {};
    for (const [key, value] of Object.entries(rest)) {
      if (DOCUMENTATION_KEYWORDS.has(key) || key.startsWith("x-")) continue;
      result[key] =
        key === "properties"
          ? mapValues(value, (property) => toJsonSchema(spec, property, refStack))
          : toJsonSchema(spec, value, refStack);
    }
  }
  return nullable === true ? allowNull(result) : result;
}

function mapValues(object, fn) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function allowNull(schema) {
  if (typeof schema.type === "string" && !schema.$ref && !schema.allOf && !schema.oneOf && !schema.anyOf) {
    const nullable = { ...schema, type: [schema.type, "null"] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) nullable.enum = [...schema.enum, null];
    return nullable;
  }
  return { anyOf: [schema, { type: "null" }] };
}

function jsonContentSchema(spec, container) {
  const resolved = container?.$ref ? resolvePointer(spec, container.$ref) : container;
  const schema = resolved?.content?.["application/json"]?.schema;
  return schema ? toJsonSchema(spec, schema) : null;
}

function extractOperation(spec, method, path, commit) {
  const specPath = `paths.${path}.${method}`;
  const operation = spec.paths?.[path]?.[method];
  if (!operation) throw new Error(`The spec has no ${specPath}`);
  const responses = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    responses[status] = {
      specPath: `${specPath}.responses.${status}`,
      commit,
      schema: jsonContentSchema(spec, response),
    };
  }
  const requestSchema = jsonContentSchema(spec, operation.requestBody);
  return {
    method: method.toUpperCase(),
    path,
    specPath,
    commit,
    requiredScopes: operation["x-required-scopes"] ?? [],
    requestBody: requestSchema
      ? {
          specPath: `${specPath}.requestBody`,
          commit,
          required: operation.requestBody?.required === true,
          schema: requestSchema,
        }
      : null,
    responses,
  };
}

function main() {
  const { specPath, commit, out } = parseArgs(process.argv.slice(2));
  const spec = JSON.parse(readFileSync(specPath, "utf8"));
  const operations = {};
  for (const [method, path] of OPERATIONS)
    operations[`${method.toUpperCase()} ${path}`] = extractOperation(spec, method, path, commit);
  const schemas = {};
  for (const name of COMPONENT_SCHEMAS) {
    const schema = spec.components?.schemas?.[name];
    if (!schema) throw new Error(`The spec has no components.schemas.${name}`);
    schemas[name] = {
      specPath: `components.schemas.${name}`,
      commit,
      schema: toJsonSchema(spec, { $ref: `#/components/schemas/${name}` }),
    };
  }
  const document = {
    $comment:
      "Generated by scripts/extract-front-schemas.mjs from Front's OpenAPI document: do not edit by hand. Only the schemas of the operations Frontline uses, without descriptions or examples.",
    source: { repository: "frontapp/front-api-specs", file: "core-api/core-api.json", commit, openapi: spec.openapi },
    operations,
    schemas,
  };
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(
    `Wrote ${Object.keys(operations).length} operations and ${Object.keys(schemas).length} schemas to ${out}`,
  );
}

main();
