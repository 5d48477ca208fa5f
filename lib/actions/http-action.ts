import { jsonSchema, tool, type JSONSchema7 } from "ai";
import { z } from "zod";
import { CHANNELS, type Channel } from "../front/channels";
import { redactSecrets } from "../secrets/redact";
import { BlockedAddressError, checkUrl, type CheckedTarget, type NetworkGuardOptions } from "./network-guard";
import { pinnedDispatcher } from "./pinned-dispatcher";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const BUILT_IN_TOOL_NAMES = ["search_knowledge_base", "lookup_contact", "handoff_to_human"];
const JSON_TYPES = ["string", "number", "integer", "boolean", "array", "object", "null"];
/** `{order_id}` in a URL template: filled from the argument of that name. */
const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/**
 * Each field of an action on its own, without defaults, so the admin API can build a create schema (with
 * defaults) and a patch schema (without) from one place.
 */
export const httpActionFields = {
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{2,48}$/, "must be snake_case, 3–49 characters, starting with a letter")
    .refine((name) => !BUILT_IN_TOOL_NAMES.includes(name), "is a built-in tool's name"),
  description: z.string().trim().min(10, "should tell the model when to use it (10 characters at least)").max(1000),
  /** JSON Schema of the arguments: an object whose properties the model fills in. */
  parameters: z.looseObject({ type: z.literal("object"), properties: z.record(z.string(), z.unknown()).default({}) }),
  method: z.enum(HTTP_METHODS),
  /** e.g. https://api.example.com/orders/{order_id}: each {name} is filled from the arguments. */
  urlTemplate: z
    .string()
    .url("must be a URL")
    .refine((url) => /^https?:\/\//.test(url), "must be http or https"),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, "is not a header name"), z.string().max(4096)),
  timeoutMs: z.number().int().min(100, "must be at least 100 ms").max(30_000, "must be at most 30,000 ms"),
  channels: z.array(z.enum(CHANNELS)),
  enabled: z.boolean(),
};

/** Problems with an action's parameters schema and URL template that a field on its own cannot see. */
export function definitionProblems(definition: {
  parameters: { properties?: Record<string, unknown>; required?: unknown };
  urlTemplate: string;
}): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  const properties = definition.parameters.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const path = ["parameters", "properties", name];
    if (typeof property !== "object" || property === null || Array.isArray(property)) {
      problems.push({ path, message: 'must be a JSON Schema object such as { "type": "string" }' });
      continue;
    }
    const type = (property as { type?: unknown }).type;
    const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
    const unknown = types.filter((entry) => typeof entry !== "string" || !JSON_TYPES.includes(entry));
    if (unknown.length > 0)
      problems.push({ path: [...path, "type"], message: `must be one of ${JSON_TYPES.join(", ")}` });
  }
  const required = definition.parameters.required;
  if (required !== undefined) {
    if (!Array.isArray(required) || required.some((entry) => typeof entry !== "string")) {
      problems.push({ path: ["parameters", "required"], message: "must be a list of property names" });
    } else {
      for (const name of required as string[]) {
        if (!(name in properties))
          problems.push({ path: ["parameters", "required"], message: `names '${name}', which is not in properties` });
      }
    }
  }
  for (const [, name] of definition.urlTemplate.matchAll(PLACEHOLDER)) {
    if (!(name in properties))
      problems.push({
        path: ["urlTemplate"],
        message: `uses {${name}}, which is not a parameter: add it to the parameters' properties`,
      });
  }
  if (/[{}]/.test(definition.urlTemplate.replace(PLACEHOLDER, ""))) {
    problems.push({
      path: ["urlTemplate"],
      message: "has a { or } that is not a {placeholder} (letters, digits and _ between braces)",
    });
  }
  return problems;
}

/** A team's own API call, defined by an admin, that the agent can use like any tool. */
export const httpActionSchema = z
  .object({
    ...httpActionFields,
    headers: httpActionFields.headers.default({}),
    timeoutMs: httpActionFields.timeoutMs.default(5_000),
    channels: httpActionFields.channels.default([...CHANNELS]),
    enabled: httpActionFields.enabled.default(true),
  })
  .superRefine((action, context) => {
    for (const problem of definitionProblems(action))
      context.addIssue({ code: "custom", path: problem.path, message: problem.message });
  });
export type HttpAction = z.infer<typeof httpActionSchema> & {
  /** The secret headers' values: a server that echoes them back must not put them in front of the model, a page or the database. */
  secretValues?: string[];
};

const MAX_RESULT_CHARS = 8_000;

/** Fills {placeholders} from the arguments; the rest go in the query string (GET, DELETE) or the JSON body. */
export function buildRequest(action: HttpAction, args: Record<string, unknown>): { url: string; body?: string } {
  const used = new Set<string>();
  const url = new URL(
    action.urlTemplate.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) => {
      used.add(name);
      const value = args[name];
      if (value === undefined || value === null) throw new Error(`missing argument '${name}' for the URL`);
      return encodeURIComponent(String(value));
    }),
  );
  const rest = Object.fromEntries(
    Object.entries(args).filter(([name, value]) => !used.has(name) && value !== undefined),
  );
  if (action.method === "GET" || action.method === "DELETE") {
    for (const [name, value] of Object.entries(rest))
      url.searchParams.set(name, typeof value === "string" ? value : JSON.stringify(value));
    return { url: url.toString() };
  }
  return { url: url.toString(), body: JSON.stringify(rest) };
}

/** Why a call failed: the message is what the model and the timeline see. */
export class HttpActionError extends Error {
  constructor(
    message: string,
    /** `blocked`: the address is refused by the network rule (ACTIONS_ALLOWED_HOSTS); `too_large`: the answer passed MAX_RESPONSE_BYTES. */
    public readonly kind: "arguments" | "timeout" | "unreachable" | "status" | "blocked" | "too_large",
    /** The HTTP status and answer, when the server answered with an error status. */
    public readonly status: number | null = null,
    public readonly body: unknown = null,
  ) {
    super(message);
    this.name = "HttpActionError";
  }
}

export interface HttpActionResult {
  status: number;
  body: unknown;
}

/** How an action call reaches its server: the fetch that sends it (a dry run's lets only reads through) and the network rule. */
export interface ActionCallOptions {
  fetch?: typeof fetch;
  /** The allow-list, resolver and connect hook of the network rule (default: ACTIONS_ALLOWED_HOSTS and the system's DNS). */
  guard?: NetworkGuardOptions;
}

/** An answer larger than this is refused, read no further than that. */
export const MAX_RESPONSE_BYTES = 1_000_000;

class ResponseTooLargeError extends Error {
  constructor() {
    super(`more than ${MAX_RESPONSE_BYTES / 1_000_000} MB`);
    this.name = "ResponseTooLargeError";
  }
}

/** The body as text, read as it streams in and given up past MAX_RESPONSE_BYTES. */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return "";
  if (Number(response.headers.get("content-length")) > MAX_RESPONSE_BYTES) {
    await response.body.cancel().catch(() => undefined);
    throw new ResponseTooLargeError();
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Rejects when the signal aborts: a DNS lookup cannot be cancelled, but the call need not wait for it. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/**
 * Calls the action once. A timeout, a network failure or an error status throws an HttpActionError whose
 * message names the action and says what happened ("order_status timed out after 300 ms", "… answered 500: …").
 * Before anything is sent, the URL's host is checked against the network rule (network-guard.ts): a loopback,
 * private, link-local… address throws kind `blocked` ("order_status: this action is not allowed to reach that
 * address: …"), and the request then goes to the address checked, not to a second DNS answer. Redirects are not
 * followed, and an answer over MAX_RESPONSE_BYTES is refused.
 */
export async function callHttpAction(
  action: HttpAction,
  args: Record<string, unknown>,
  options: ActionCallOptions = {},
): Promise<HttpActionResult> {
  const doFetch = options.fetch ?? fetch;
  const secrets = action.secretValues ?? [];
  let request: { url: string; body?: string };
  try {
    request = buildRequest(action, args);
  } catch (error) {
    throw new HttpActionError(`${action.name}: ${error instanceof Error ? error.message : String(error)}`, "arguments");
  }
  const signal = AbortSignal.timeout(action.timeoutMs);
  const timedOut = () => new HttpActionError(`${action.name} timed out after ${action.timeoutMs} ms`, "timeout");
  let target: CheckedTarget;
  try {
    target = await untilAborted(checkUrl(request.url, options.guard), signal);
  } catch (error) {
    if (error instanceof BlockedAddressError) throw new HttpActionError(`${action.name}: ${error.message}`, "blocked");
    if (isTimeout(error)) throw timedOut();
    throw new HttpActionError(
      `${action.name} could not reach its server: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`,
      "unreachable",
    );
  }
  const dispatcher = pinnedDispatcher(target, options.guard);
  let response: Response;
  let text: string;
  try {
    response = await doFetch(request.url, {
      method: action.method,
      headers: {
        accept: "application/json",
        ...(request.body ? { "content-type": "application/json" } : {}),
        ...action.headers,
      },
      body: request.body,
      // Not followed: a redirect could point anywhere, the internal network included.
      redirect: "manual",
      signal,
      // Node's fetch (undici) connects through it: to the checked address only.
      dispatcher,
    } as RequestInit);
    const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
    if (location !== null) {
      await response.body?.cancel().catch(() => undefined);
      throw new HttpActionError(
        `${action.name} answered ${response.status}: a redirect to ${redactSecrets(location, secrets).slice(0, 300)}, which actions do not follow; use the address it points to`,
        "status",
        response.status,
        null,
      );
    }
    // Inside the try: a server that sends its headers and then stalls times out here.
    text = redactSecrets(await readCapped(response), secrets).slice(0, MAX_RESULT_CHARS);
  } catch (error) {
    if (error instanceof HttpActionError) throw error;
    if (error instanceof ResponseTooLargeError)
      throw new HttpActionError(
        `${action.name} answered with ${error.message}: an action's answer may be at most 1 MB`,
        "too_large",
      );
    if (isTimeout(error)) throw timedOut();
    // fetch says only "fetch failed": the cause says what (ECONNREFUSED, a certificate problem…).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
    const detail = cause ? ` (${"code" in cause && typeof cause.code === "string" ? cause.code : cause.message})` : "";
    const reason = redactSecrets(`${error instanceof Error ? error.message : String(error)}${detail}`, secrets);
    throw new HttpActionError(`${action.name} could not reach its server: ${reason}`, "unreachable");
  } finally {
    void dispatcher.destroy().catch(() => undefined);
  }
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) {
    const excerpt = typeof body === "string" ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300);
    throw new HttpActionError(
      `${action.name} answered ${response.status}: ${excerpt}`,
      "status",
      response.status,
      body,
    );
  }
  return { status: response.status, body };
}

/**
 * The action as an AI SDK tool. A failed call throws, which the SDK records as a tool error and passes back to the
 * model (so it can apologise or hand off), and the timeline shows it in red.
 */
export function httpActionTool(action: HttpAction, options: ActionCallOptions = {}) {
  return tool({
    description: action.description,
    inputSchema: jsonSchema<Record<string, unknown>>(action.parameters as JSONSchema7),
    execute: (args) => callHttpAction(action, args ?? {}, options),
  });
}

/** The enabled actions for a channel, as tools keyed by name. */
export function actionTools(actions: HttpAction[], channel: Channel, options: ActionCallOptions = {}) {
  return Object.fromEntries(
    actions
      .filter((action) => action.enabled && action.channels.includes(channel))
      .map((action) => [action.name, httpActionTool(action, options)]),
  );
}
