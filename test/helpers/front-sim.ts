import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { expect } from "vitest";
import { FIXTURES_DIR } from "./fixtures";
import { createFrontSimulator, type FrontSimulator, type FrontSimulatorOptions } from "../../front-sim";

// Shared by the simulator's tests: a simulator on a random port, a webhook receiver, fixture access.

export const API_TOKEN = "test-token";
export const APP_SECRET = "test-app-secret";
export const RULE_SECRET = "test-rule-secret";

export function readFixtureText(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), "utf8");
}

export function readFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFixtureText(name)) as T;
}

export interface CapturedDelivery {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  json: unknown;
}

export interface Receiver {
  url: string;
  deliveries: CapturedDelivery[];
  /** Replaces the default answer (200 {received:true}, or the challenge echo for sync). */
  respond: (handler?: (delivery: CapturedDelivery, res: ServerResponse) => void) => void;
  close: () => Promise<void>;
}

/** A tiny app stand-in that records every webhook it receives. */
export async function startReceiver(): Promise<Receiver> {
  const deliveries: CapturedDelivery[] = [];
  let custom: ((delivery: CapturedDelivery, res: ServerResponse) => void) | undefined;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      json = undefined;
    }
    const delivery: CapturedDelivery = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      rawBody,
      json,
    };
    deliveries.push(delivery);
    if (custom) return custom(delivery, res);
    const challenge = req.headers["x-front-challenge"];
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(typeof challenge === "string" ? { challenge } : { received: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/front`,
    deliveries,
    respond: (handler) => {
      custom = handler;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function startSim(overrides: Partial<FrontSimulatorOptions> = {}): Promise<FrontSimulator> {
  return createFrontSimulator({ apiToken: API_TOKEN, appSecret: APP_SECRET, ruleSecret: RULE_SECRET, ...overrides });
}

/** A Core API call with the right token; `init.token` overrides it (null sends none). */
export async function api(
  sim: FrontSimulator,
  method: string,
  path: string,
  body?: unknown,
  init: { token?: string | null; redirect?: RequestRedirect; rawBody?: string } = {},
): Promise<Response> {
  const token = init.token === undefined ? API_TOKEN : init.token;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const payload = init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  return fetch(path.startsWith("http") ? path : `${sim.url}${path}`, {
    method,
    headers,
    body: payload,
    redirect: init.redirect,
  });
}

/** A /_sim control call. */
export async function control(sim: FrontSimulator, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/_sim${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * Asserts that `actual` has every key of `expected` with a value of the same JSON type, recursively.
 * A null in the fixture accepts anything (Front fields are nullable); arrays compare their first items.
 */
export function expectShapeLike(actual: unknown, expected: unknown, path = "$"): void {
  if (expected === null) return;
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} should be an array`).toBe(true);
    const actualItems = actual as unknown[];
    if (expected.length > 0 && actualItems.length > 0) expectShapeLike(actualItems[0], expected[0], `${path}[0]`);
    return;
  }
  if (typeof expected === "object") {
    expect(actual !== null && typeof actual === "object" && !Array.isArray(actual), `${path} should be an object`).toBe(
      true,
    );
    for (const [key, value] of Object.entries(expected)) {
      expect(actual, `${path} should have key ${key}`).toHaveProperty([key]);
      expectShapeLike((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
    return;
  }
  expect(typeof actual, `${path} type`).toBe(typeof expected);
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for condition");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
