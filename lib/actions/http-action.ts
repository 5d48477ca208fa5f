import { jsonSchema, tool, type JSONSchema7 } from "ai";
import { z } from "zod";
import { CHANNELS, type Channel } from "../front/channels";

/** A team's own API call, defined by an admin, that the agent can use like any tool. */
export const httpActionSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{2,48}$/, "must be snake_case, 3–49 characters, starting with a letter")
    .refine((name) => !["search_knowledge_base", "lookup_contact", "handoff_to_human"].includes(name), "is a built-in tool's name"),
  description: z.string().trim().min(10, "should tell the model when to use it (10 characters at least)").max(1000),
  /** JSON Schema of the arguments: an object whose properties the model fills in. */
  parameters: z.looseObject({ type: z.literal("object"), properties: z.record(z.string(), z.unknown()).default({}) }),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  /** e.g. https://api.example.com/orders/{order_id}: each {name} is filled from the arguments. */
  urlTemplate: z
    .string()
    .url("must be a URL")
    .refine((url) => /^https?:\/\//.test(url), "must be http or https"),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, "is not a header name"), z.string().max(4096)).default({}),
  timeoutMs: z.number().int().min(100).max(30_000).default(5_000),
  channels: z.array(z.enum(CHANNELS)).default([...CHANNELS]),
  enabled: z.boolean().default(true),
});
export type HttpAction = z.infer<typeof httpActionSchema>;

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
  const rest = Object.fromEntries(Object.entries(args).filter(([name, value]) => !used.has(name) && value !== undefined));
  if (action.method === "GET" || action.method === "DELETE") {
    for (const [name, value] of Object.entries(rest)) url.searchParams.set(name, typeof value === "string" ? value : JSON.stringify(value));
    return { url: url.toString() };
  }
  return { url: url.toString(), body: JSON.stringify(rest) };
}

/**
 * The action as an AI SDK tool. A timeout, a network failure or an error status throws, which the SDK records as
 * a tool error and passes back to the model (so it can apologise or hand off), and the timeline shows it in red.
 */
export function httpActionTool(action: HttpAction, options: { fetch?: typeof fetch } = {}) {
  const doFetch = options.fetch ?? fetch;
  return tool({
    description: action.description,
    inputSchema: jsonSchema<Record<string, unknown>>(action.parameters as JSONSchema7),
    execute: async (args) => {
      const request = buildRequest(action, args ?? {});
      let response: Response;
      try {
        response = await doFetch(request.url, {
          method: action.method,
          headers: { accept: "application/json", ...(request.body ? { "content-type": "application/json" } : {}), ...action.headers },
          body: request.body,
          redirect: "error",
          signal: AbortSignal.timeout(action.timeoutMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        throw new Error(timedOut ? `${action.name} timed out after ${action.timeoutMs} ms` : `${action.name} could not reach its server: ${error instanceof Error ? error.message : String(error)}`);
      }
      const text = (await response.text()).slice(0, MAX_RESULT_CHARS);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      if (!response.ok) throw new Error(`${action.name} answered ${response.status}: ${typeof body === "string" ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300)}`);
      return { status: response.status, body };
    },
  });
}

/** The enabled actions for a channel, as tools keyed by name. */
export function actionTools(actions: HttpAction[], channel: Channel, options: { fetch?: typeof fetch } = {}) {
  return Object.fromEntries(actions.filter((action) => action.enabled && action.channels.includes(channel)).map((action) => [action.name, httpActionTool(action, options)]));
}
