import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";

// Front's own schemas (test/contract/front-core-api.schemas.json, extracted from front-api-specs by
// scripts/extract-front-schemas.mjs) as validators. Where the spec disagrees with what Front really sends, the
// difference is written down here, one function each, with the evidence: never a silent loosening.

type Schema = Record<string, unknown>;

interface SchemaEntry {
  specPath: string;
  commit: string;
  schema: Schema | null;
}

export interface SpecOperation {
  method: string;
  path: string;
  specPath: string;
  requiredScopes: string[];
  requestBody: (SchemaEntry & { required: boolean }) | null;
  responses: Record<string, SchemaEntry>;
}

interface SpecDocument {
  source: { repository: string; file: string; commit: string };
  operations: Record<string, SpecOperation>;
  schemas: Record<string, SchemaEntry>;
}

export const spec = JSON.parse(
  readFileSync(path.join(__dirname, "front-core-api.schemas.json"), "utf8"),
) as SpecDocument;

const ajv = new Ajv({
  allErrors: true,
  // The spec lists required fields it does not define (TeammateResponse.license_type) and leaves out
  // `type: object` beside `properties`: both are the spec's style, not errors in the extraction.
  strictRequired: false,
  strictTypes: false,
  allowUnionTypes: true,
  // Attachments in multipart bodies; never in the JSON bodies checked here.
  formats: { binary: true },
});

/** Applies `change` to every (sub)schema titled `title`, on a copy. */
function patchTitled(schema: Schema, title: string, change: (node: Schema) => Schema): Schema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)])) as Schema;
    return copy.title === title ? change(copy) : copy;
  };
  return walk(schema) as Schema;
}

function withProperty(node: Schema, name: string, replace: (property: Schema) => Schema): Schema {
  const properties = node.properties as Record<string, Schema>;
  return { ...node, properties: { ...properties, [name]: replace(properties[name]) } };
}

const orNull = (schema: Schema): Schema => ({ anyOf: [schema, { type: "null" }] });

/**
 * Where Front's spec is stricter than the bodies Front sends:
 * - MessageResponse.author is a non-nullable TeammateResponse, yet inbound messages have `"author": null`
 *   (test/fixtures/front/real-payloads/webhookdb-app-inbound_received-email.json, a captured application webhook).
 * - MessageResponse.subject is a string; the simulator sends null for messages without one (calls, texts).
 *   Not confirmed either way by a captured body: the app must cope with both.
 * - TeammateResponse requires `license_type` without defining it; no captured teammate has it (nor, in the 2018
 *   and 2023 captures, `type`, which the simulator does send). The app must not depend on either.
 */
function documentedExceptions(schema: Schema): Schema {
  let patched = patchTitled(schema, "MessageResponse", (node) =>
    withProperty(withProperty(node, "author", orNull), "subject", orNull),
  );
  patched = patchTitled(patched, "TeammateResponse", (node) => ({
    ...node,
    required: (node.required as string[]).filter((field) => field !== "license_type"),
  }));
  return patched;
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: Schema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(documentedExceptions(schema));
    compiled.set(key, validate);
  }
  return validate;
}

/** Readable errors, or [] when the value is valid. */
function check(key: string, schema: Schema, value: unknown): string[] {
  const validate = validatorFor(key, schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
  );
}

/** The spec operation (`GET /conversations/{conversation_id}`) a request path is for. */
export function operationFor(method: string, pathname: string): SpecOperation | undefined {
  return Object.values(spec.operations).find(
    (operation) =>
      operation.method === method && new RegExp(`^${operation.path.replace(/\{[a-z_]+\}/g, "[^/]+")}$`).test(pathname),
  );
}

/**
 * UpdateConversationAssignee types assignee_id as a string, and its own description says "Set it to null to
 * unassign": the client sends null, as documented in prose.
 */
function requestSchemaOf(operation: SpecOperation): Schema {
  const schema = operation.requestBody!.schema!;
  if (operation.path !== "/conversations/{conversation_id}/assignee") return schema;
  return withProperty(schema, "assignee_id", orNull);
}

export function requestErrors(operation: SpecOperation, body: unknown): string[] {
  if (!operation.requestBody?.schema) return body === undefined ? [] : [`${operation.specPath} takes no body`];
  return check(`${operation.specPath}.requestBody`, requestSchemaOf(operation), body);
}

/** Errors for a response; a status the spec does not document for the operation is an error itself. */
export function responseErrors(operation: SpecOperation, status: number, body: unknown): string[] {
  const documented = operation.responses[String(status)];
  if (!documented) return [`${operation.specPath} documents no ${status} answer`];
  if (!documented.schema) return body === undefined ? [] : [`${documented.specPath} has no body, got one`];
  // GET /events/{id} answers an EventResponse, whose sides need the same reading as in webhooks (eventErrors).
  if (documented.schema.title === "EventResponse") return eventErrors(body);
  return check(documented.specPath, documented.schema, body);
}

// ---- webhook events ----

const eventSchema = spec.schemas.EventResponse.schema!;
type Side = "source" | "target";
const sideSchema = (side: Side) => (eventSchema.properties as Record<Side, Schema>)[side];
const dataBranches = (side: Side) =>
  ((sideSchema(side).properties as Record<string, Schema>).data.oneOf as Schema[]) ?? [];
const branchTitled = (side: Side, title: string) => dataBranches(side).find((branch) => branch.title === title);

/**
 * The schema of a side's `data`, chosen by `_meta.type`. The spec gives `data` a oneOf that no message event can
 * satisfy: InboxResponse has no required field and allows any other, so a message matches it as well as
 * MessageResponse, and oneOf needs exactly one match. `_meta.type` says which branch is meant.
 */
function dataSchemaFor(side: Side, metaType: string): Schema | undefined {
  const titled: Record<string, string> = {
    teammate: "TeammateResponse",
    rule: "RuleResponse",
    message: "MessageResponse",
    comment: "CommentResponse",
    tag: "TagResponse",
    link: "LinkResponse",
  };
  if (titled[metaType]) return branchTitled(side, titled[metaType]);
  // An inboxes source is an array of inboxes (the spec's third source branch).
  if (metaType === "inboxes" && side === "source") return dataBranches(side).find((branch) => branch.type === "array");
  // The spec names these side types in `_meta.type` but gives their data no schema:
  // a recipient (sending_error, message_bounce_error) is a conversation recipient,
  if (metaType === "recipient") return spec.schemas.RecipientResponse.schema!;
  // and the conversations merged away (conversations_merged) are their ids.
  if (metaType === "deleted_conversation_ids")
    return { type: "array", minItems: 1, items: { type: "string", pattern: "^cnv_" } };
  // An API source has no schema in the spec at all: an object is all that can be said.
  if (metaType === "api") return { type: "object" };
  return undefined;
}

/** EventResponse with the sides' `data` left to dataSchemaFor, and for a preview, the conversation reduced. */
function eventShellSchema(preview: boolean): Schema {
  const withoutData = (side: Side): Schema => {
    const schema = sideSchema(side);
    const { data: _data, ...properties } = schema.properties as Record<string, Schema>;
    void _data;
    return { ...schema, required: ["_meta"], properties };
  };
  const properties = eventSchema.properties as Record<string, Schema>;
  const conversation = properties.conversation;
  // A preview's conversation is `{_links:{self}, id}` (Front's published preview example), not a ConversationResponse.
  const previewConversation: Schema = {
    type: "object",
    required: ["_links", "id"],
    properties: {
      _links: (conversation.properties as Record<string, Schema>)._links,
      id: (conversation.properties as Record<string, Schema>).id,
    },
  };
  return {
    ...eventSchema,
    required: ["_links", "id", "type", "emitted_at", "source", "conversation"],
    properties: {
      ...properties,
      source: withoutData("source"),
      target: withoutData("target"),
      conversation: preview ? previewConversation : conversation,
    },
  };
}

const LINKABLE_SIDES = new Set(["inboxes", "teammate", "rule", "message", "comment", "tag"]);

/** A preview side of a resource: `{_meta:{type}, _links:{self}, id}` and nothing else. */
const flatSideSchema: Schema = {
  type: "object",
  required: ["_meta", "_links", "id"],
  additionalProperties: false,
  properties: {
    _meta: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
    _links: {
      type: "object",
      required: ["self"],
      additionalProperties: false,
      properties: { self: { type: "string" } },
    },
    id: { type: "string" },
  },
};

/** Errors of an Event (an application envelope's payload, or a rule webhook's body) against EventResponse. */
export function eventErrors(event: unknown, options: { preview?: boolean } = {}): string[] {
  const preview = options.preview ?? false;
  const errors = check(
    `components.schemas.EventResponse${preview ? "#preview" : ""}`,
    eventShellSchema(preview),
    event,
  );
  const sides = event as Record<Side, { _meta?: { type?: string }; data?: unknown } | undefined>;
  for (const side of ["source", "target"] as const) {
    const value = sides[side];
    if (!value) continue;
    const metaType = value._meta?.type ?? "";
    if (preview && LINKABLE_SIDES.has(metaType)) {
      errors.push(...check("#flat-side", flatSideSchema, value).map((error) => `${side}: ${error}`));
      continue;
    }
    const schema = dataSchemaFor(side, metaType);
    if (!schema) {
      errors.push(`${side}: no schema for _meta.type ${metaType}`);
      continue;
    }
    errors.push(
      ...check(`EventResponse.${side}.data#${metaType}`, schema, value.data).map((error) => `${side}.data: ${error}`),
    );
  }
  return errors;
}
