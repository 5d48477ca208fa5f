import type { ActionInput, ActionMethod, ActionView } from "@/lib/actions/types";
import { CHANNELS, type Channel } from "@/lib/front/channels";

export const METHODS: ActionMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** The fields an error message can point at; anything else shows at the top of the form. */
export const FORM_FIELDS = [
  "name",
  "description",
  "parameters",
  "method",
  "urlTemplate",
  "headers",
  "timeoutMs",
  "channels",
  "enabled",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface HeaderDraft {
  /** Stable key for React while rows are added and removed. */
  key: string;
  name: string;
  value: string;
  secret: boolean;
  /** The saved secret's mask ("••••abcd"), shown as the placeholder; an empty value keeps it. */
  savedMask: string | null;
  unreadable: boolean;
}

/** The form as the admin types it: text for everything that is parsed on save. */
export interface ActionDraft {
  name: string;
  description: string;
  parametersText: string;
  method: ActionMethod;
  urlTemplate: string;
  headers: HeaderDraft[];
  timeoutText: string;
  channels: Channel[];
  enabled: boolean;
}

const EXAMPLE_PARAMETERS = {
  type: "object",
  properties: { order_id: { type: "string", description: "The order number the customer gave" } },
  required: ["order_id"],
};

let headerSequence = 0;
export function newHeaderKey(): string {
  headerSequence += 1;
  return `header-${headerSequence}`;
}

export function emptyDraft(): ActionDraft {
  return {
    name: "",
    description: "",
    parametersText: JSON.stringify(EXAMPLE_PARAMETERS, null, 2),
    method: "GET",
    urlTemplate: "",
    headers: [],
    timeoutText: "5000",
    channels: [...CHANNELS],
    enabled: true,
  };
}

export function draftFrom(action: ActionView): ActionDraft {
  return {
    name: action.name,
    description: action.description,
    parametersText: JSON.stringify(readableSchema(action.parameters), null, 2),
    method: action.method,
    urlTemplate: action.urlTemplate,
    headers: action.headers.map((header) => ({
      key: newHeaderKey(),
      name: header.name,
      value: header.secret ? "" : (header.value ?? ""),
      secret: header.secret,
      savedMask: header.secret ? header.masked : null,
      unreadable: Boolean(header.unreadable),
    })),
    timeoutText: String(action.timeoutMs),
    channels: action.channels,
    enabled: action.enabled,
  };
}

/** The database gives JSON keys back in its own order: put a schema's type, properties and required first again. */
function readableSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const { type, properties, required, ...rest } = schema;
  return Object.fromEntries(
    Object.entries({ type, properties, required, ...rest }).filter(([, value]) => value !== undefined),
  );
}

/** Checks the JSON Schema text before it is sent: it must parse and describe an object. Returns the problem or null. */
export function parametersProblem(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "Must be a JSON object.";
  if ((parsed as { type?: unknown }).type !== "object")
    return 'Must be { "type": "object", "properties": { … } }: the model fills in the properties.';
  return null;
}

/** The {placeholders} of a URL template, in order. */
export function placeholdersOf(urlTemplate: string): string[] {
  return [...urlTemplate.matchAll(/\{([a-zA-Z0-9_]+)\}/g)].map((match) => match[1]);
}

/** The draft as the API takes it, or the problems found before sending. A secret left empty keeps its saved value. */
export function toInput(draft: ActionDraft): { input: ActionInput } | { problems: Partial<Record<FormField, string>> } {
  const problems: Partial<Record<FormField, string>> = {};
  const parametersError = parametersProblem(draft.parametersText);
  if (parametersError) problems.parameters = parametersError;
  const timeoutMs = Number(draft.timeoutText);
  if (!Number.isInteger(timeoutMs)) problems.timeoutMs = "Enter a whole number of milliseconds.";
  if (draft.channels.length === 0) problems.channels = "Pick at least one channel, or turn the action off instead.";
  if (Object.keys(problems).length > 0) return { problems };
  return {
    input: {
      name: draft.name.trim(),
      description: draft.description.trim(),
      parameters: JSON.parse(draft.parametersText) as Record<string, unknown>,
      method: draft.method,
      urlTemplate: draft.urlTemplate.trim(),
      headers: draft.headers.map((header) => ({
        name: header.name.trim(),
        secret: header.secret,
        ...(header.secret && !header.value.trim() ? {} : { value: header.value }),
      })),
      timeoutMs,
      channels: draft.channels,
      enabled: draft.enabled,
    },
  };
}

/**
 * The API's message ("urlTemplate: uses {x}…; name: …") split by field, so each shows under its input; what names
 * no field stays for the top of the form.
 */
export function splitServerMessage(message: string): {
  fields: Partial<Record<FormField, string>>;
  rest: string | null;
} {
  const fields: Partial<Record<FormField, string>> = {};
  const rest: string[] = [];
  for (const part of message.split("; ")) {
    const match = /^([A-Za-z]+)[\w.]*: (.+)$/s.exec(part);
    const field = match?.[1] as FormField | undefined;
    if (match && field && (FORM_FIELDS as readonly string[]).includes(field)) {
      const path = part.slice(0, part.indexOf(": "));
      const detail = path === field ? match[2] : `${path.slice(field.length + 1)}: ${match[2]}`;
      // Two problems with one field stay two sentences' worth: separated, never run together.
      fields[field] = fields[field] ? `${fields[field]}; ${detail}` : detail;
    } else {
      rest.push(part);
    }
  }
  return { fields, rest: rest.length > 0 ? rest.join("; ") : null };
}

/** Example arguments for the Test panel: each property's `example`, or an empty value of its type. */
export function exampleArguments(parameters: Record<string, unknown>): Record<string, unknown> {
  const properties = (parameters.properties ?? {}) as Record<
    string,
    { type?: unknown; example?: unknown; examples?: unknown[] }
  >;
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      if (property?.example !== undefined) return [name, property.example];
      if (Array.isArray(property?.examples) && property.examples.length > 0) return [name, property.examples[0]];
      const type = Array.isArray(property?.type) ? property.type[0] : property?.type;
      const empty =
        type === "number" || type === "integer"
          ? 0
          : type === "boolean"
            ? false
            : type === "array"
              ? []
              : type === "object"
                ? {}
                : "";
      return [name, empty];
    }),
  );
}
