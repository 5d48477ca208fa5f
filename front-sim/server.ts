import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ZodError } from "zod";
import { endpointOf, handleCoreApi, type CoreApiContext } from "./core-api";
import type { FaultController, RateLimitWindow, RequestLogEntry } from "./faults";
import {
  BodyTooLargeError,
  frontError,
  issueDetails,
  parseJsonBody,
  readRawBody,
  writeAnswer,
  type HttpAnswer,
} from "./http-util";
import { missingScope } from "./scopes";

// The HTTP side: Core API requests go through auth, faults and the rate-limit headers; /_sim is open.

export interface ServerHandlers {
  apiToken: string;
  /** The scopes the API token holds; null: every scope. */
  tokenScopes: () => readonly string[] | null;
  core: CoreApiContext;
  faults: FaultController;
  rateLimit: RateLimitWindow;
  requestLog: RequestLogEntry[];
  /** /_sim controls; body already parsed. */
  sim: (method: string, url: URL, body: unknown) => Promise<HttpAnswer>;
}

const SIM_PREFIX = "/_sim";

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "content-type, authorization",
};

/** Listens first (port 0 picks a free one) so the base URL is known before routes are wired. */
export async function listen(host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;
  return { server, url: `http://${hostForUrl}:${address.port}` };
}

export function attachHandlers(server: Server, baseUrl: string, handlers: ServerHandlers): void {
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", baseUrl);
    const isSim = url.pathname === SIM_PREFIX || url.pathname.startsWith(`${SIM_PREFIX}/`);
    const handled = isSim ? handleSim(req, res, url, handlers) : handleCore(req, res, url, handlers);
    handled.catch((error: unknown) => {
      if (!res.headersSent) writeAnswer(res, frontError(500, `Simulator error: ${(error as Error).message}`));
      else res.destroy();
    });
  });
}

async function handleCore(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  handlers: ServerHandlers,
): Promise<void> {
  const method = req.method ?? "GET";
  const entry: RequestLogEntry = {
    method,
    path: `${url.pathname}${url.search}`,
    pathname: url.pathname,
    timeMs: Date.now(),
    status: null,
  };
  handlers.requestLog.push(entry);
  let markAnswered!: () => void;
  const answered = new Promise<void>((resolve) => (markAnswered = resolve));
  const answer = await answerCore(req, method, url, entry, handlers, answered);
  if (answer === "hang") {
    // Never answer; the socket stays open until the client gives up or the simulator closes.
    entry.fault = "hang";
    return;
  }
  entry.status = answer.status;
  // A burst 429 leaves the per-minute budget alone: that is how a client tells the two limits apart.
  const planLimited = answer.status === 429 && answer.headers?.["x-front-tier"] === undefined;
  res.once("finish", markAnswered);
  writeAnswer(res, answer, handlers.rateLimit.count(planLimited));
}

/** Front names the tier of the route whose burst limit was hit; resource routes such as conversations are tier 2. */
const BURST_TIER = "2";

function rateLimitAnswer(retryAfterSeconds: number, limit: "plan" | "burst"): HttpAnswer {
  if (limit === "burst") {
    const answer = frontError(
      429,
      `Rate limit exceeded for tier-${BURST_TIER} route. Please retry in ${retryAfterSeconds * 1000} milliseconds.`,
    );
    return { ...answer, headers: { "retry-after": String(retryAfterSeconds), "x-front-tier": BURST_TIER } };
  }
  const answer = frontError(429, `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds`);
  return { ...answer, headers: { "retry-after": String(retryAfterSeconds) } };
}

async function answerCore(
  req: IncomingMessage,
  method: string,
  url: URL,
  entry: RequestLogEntry,
  handlers: ServerHandlers,
  answered: Promise<void>,
): Promise<HttpAnswer | "hang"> {
  let raw: Buffer;
  try {
    raw = await readRawBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return frontError(413, error.message);
    throw error;
  }
  const parsed = parseJsonBody(raw);
  if (parsed.ok && parsed.value !== undefined) entry.body = parsed.value;

  const authorization = req.headers.authorization;
  if (!authorization) return frontError(401, "Missing Authorization header");
  if (authorization !== `Bearer ${handlers.apiToken}`) return frontError(401, "Invalid API token");

  // Before anything about the request itself: a token without the scope learns nothing else.
  const endpoint = endpointOf(method, url.pathname);
  const lacking = endpoint ? missingScope(endpoint, handlers.tokenScopes()) : undefined;
  if (lacking) return frontError(403, `The API token lacks the scope ${lacking}`, [`${endpoint} requires ${lacking}`]);

  const fault = handlers.faults.take(method, url.pathname);
  if (fault?.kind === "hang") return "hang";
  if (fault?.kind === "fail") {
    entry.fault = "fail";
    return frontError(fault.status, fault.message);
  }
  if (fault?.kind === "rate-limit") {
    entry.fault = "rate-limit";
    return rateLimitAnswer(fault.retryAfterSeconds, fault.limit);
  }

  if (!parsed.ok) return frontError(400, parsed.error);
  return handleCoreApi(handlers.core, { method, url, body: parsed.value, answered });
}

async function handleSim(req: IncomingMessage, res: ServerResponse, url: URL, handlers: ServerHandlers): Promise<void> {
  const method = req.method ?? "GET";
  if (method === "OPTIONS") {
    writeAnswer(res, { status: 204 }, CORS_HEADERS);
    return;
  }
  let answer: HttpAnswer;
  const parsed = parseJsonBody(await readRawBody(req));
  if (!parsed.ok) answer = frontError(400, parsed.error);
  else {
    try {
      answer = await handlers.sim(method, url, parsed.value);
    } catch (error) {
      // Bad control input (unknown conversation, invalid fields) is the caller's mistake: 400.
      answer =
        error instanceof ZodError
          ? frontError(400, "Invalid simulator request", issueDetails(error.issues))
          : frontError(400, (error as Error).message);
    }
  }
  writeAnswer(res, answer, CORS_HEADERS);
}
