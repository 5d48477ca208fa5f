import type { IncomingMessage, ServerResponse } from "node:http";
import type { FrontError } from "./types";

/** What a route answers; the server adds the rate-limit headers and writes it. */
export interface HttpAnswer {
  status: number;
  /** JSON body; omitted for 204/301. */
  body?: unknown;
  headers?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  413: "Payload too large",
  422: "Unprocessable entity",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

export function frontError(status: number, message: string, details: unknown[] = []): HttpAnswer {
  const body: FrontError = { _error: { status, title: TITLES[status] ?? "Error", message, details } };
  return { status, body };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): HttpAnswer {
  return { status, body, headers };
}

export function noContent(): HttpAnswer {
  return { status: 204 };
}

export class BodyTooLargeError extends Error {}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`Body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

/** Empty body → undefined; invalid JSON → an error for a 400. */
export function parseJsonBody(raw: Buffer): ParsedBody {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `Invalid JSON body: ${(error as Error).message}` };
  }
}

export function writeAnswer(res: ServerResponse, answer: HttpAnswer, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}

/** Minimal zod-like issue formatting for `_error.details`. */
export function issueDetails(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string[] {
  return issues.map((issue) =>
    issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message,
  );
}
