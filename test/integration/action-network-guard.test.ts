import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateText, stepCountIs } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import {
  callHttpAction,
  httpActionSchema,
  MAX_RESPONSE_BYTES,
  actionTools,
  type ActionCallOptions,
  type HttpAction,
  type HttpActionError,
} from "@/lib/actions/http-action";
import { classifyAddress, parseAllowList, type NetworkGuardOptions, type Resolver } from "@/lib/actions/network-guard";
import { testHttpAction } from "@/lib/actions/test-run";
import type { Database } from "@/lib/db/client";
import { ActionsStore, ActionStoreError } from "@/lib/settings/actions-store";
import { createTestDatabase } from "../helpers/db";

// The network rule of custom actions against real servers, on loopback only. A request that the rule must refuse
// never leaves: the connect hook below fails the test if it is ever asked to connect anywhere but this machine, and
// the internal addresses that are not loopback (private, link-local, metadata) are only checked through the refusal.

/** Two servers on one port, 127.0.0.1 and ::1, so every loopback spelling would reach one of them if let through. */
async function loopbackServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    received.push(`${req.method} ${req.headers.host} ${req.url}`);
    handler(req, res);
  };
  for (let attempt = 0; ; attempt++) {
    const v4 = createServer(handle);
    await new Promise<void>((resolve) => v4.listen(0, "127.0.0.1", resolve));
    const port = (v4.address() as AddressInfo).port;
    const v6 = createServer(handle);
    const listening = await new Promise<boolean>((resolve) => {
      v6.once("error", () => resolve(false));
      v6.listen({ port, host: "::1", ipv6Only: true }, () => resolve(true));
    });
    const close = async () => {
      for (const server of listening ? [v4, v6] : [v4]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    };
    // No IPv6 loopback on this machine, or the port is taken on ::1: the IPv4 server alone (after a few tries).
    if (listening || attempt >= 3) return { port, received, close };
    await close();
  }
}

const connects: string[] = [];
const violations: string[] = [];
/** The connect hook: records every connection, and refuses (and fails the test for) one that would leave the machine. */
const onConnect: NetworkGuardOptions["onConnect"] = ({ address }) => {
  connects.push(address);
  const kind = classifyAddress(address);
  if (kind !== "loopback" && kind !== "unspecified") {
    violations.push(address);
    throw new Error(`the test connector was asked to connect to ${address}`);
  }
};
/** A resolver that knows only the names it is given; any other name fails the test. */
const table =
  (entries: Record<string, string[]>, asked: string[] = []): Resolver =>
  async (hostname) => {
    asked.push(hostname);
    const addresses = entries[hostname];
    if (!addresses) throw new Error(`the test resolver was asked for ${hostname}`);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
/** Counts fetches; a refused address must not get this far. */
let fetches = 0;
const countingFetch: typeof fetch = (input, init) => {
  fetches++;
  if (!(init as { dispatcher?: unknown } | undefined)?.dispatcher)
    throw new Error("a call went out without the pinned dispatcher");
  return fetch(input, init);
};

const action = (urlTemplate: string, overrides: Partial<HttpAction> = {}): HttpAction =>
  httpActionSchema.parse({
    name: "order_status",
    description: "Look up an order's shipping status by its number.",
    parameters: { type: "object", properties: {} },
    method: "GET",
    urlTemplate,
    timeoutMs: 5_000,
    ...overrides,
  });

function guard(allowed: string, entries: Record<string, string[]> = {}, asked?: string[]): ActionCallOptions {
  return {
    fetch: countingFetch,
    guard: { allowList: parseAllowList(allowed), resolve: table(entries, asked), onConnect },
  };
}

async function failure(promise: Promise<unknown>): Promise<HttpActionError> {
  return promise.then(
    () => {
      throw new Error("the call was expected to fail");
    },
    (error: HttpActionError) => error,
  );
}

describe("custom actions and the internal network", () => {
  let target: Awaited<ReturnType<typeof loopbackServer>>;

  beforeAll(async () => {
    target = await loopbackServer((req, res) => {
      if (req.url === "/big")
        return void res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(MAX_RESPONSE_BYTES + 10));
      if (req.url === "/big-chunked") {
        res.writeHead(200, { "content-type": "text/plain" });
        const chunk = "y".repeat(64 * 1024);
        let sent = 0;
        const more = () => {
          while (sent <= MAX_RESPONSE_BYTES * 2) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", more);
          }
          res.end();
        };
        return more();
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ok: true, host: req.headers.host }));
    });
  });
  afterAll(async () => {
    await target?.close();
  });
  afterEach(() => {
    expect(violations, "a connection was attempted outside loopback").toEqual([]);
    connects.length = 0;
    fetches = 0;
  });

  const spellings = (port: number) => [
    `http://localhost:${port}/`,
    `http://LOCALHOST.:${port}/`,
    `http://127.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f.0.0.1:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://127.000.000.001:${port}/`,
    `http://%31%32%37.0.0.1:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://0:${port}/`,
    `http://[::1]:${port}/`,
    `http://[0:0:0:0:0:0:0:1]:${port}/`,
    `http://[::]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
  ];

  it("refuses every spelling of loopback, and the server receives nothing", async () => {
    for (const url of spellings(target.port)) {
      const error = await failure(callHttpAction(action(url), {}, guard("")));
      expect(error.kind, url).toBe("blocked");
      expect(error.message, url).toMatch(
        /^order_status: this action is not allowed to reach that address: .+ is an? (loopback|unspecified) (address|name)\./,
      );
    }
    expect(target.received).toEqual([]);
    expect(connects).toEqual([]);
    expect(fetches).toBe(0);
  });

  it("would have reached the server with those spellings: the allow-list lets them through, to the address checked", async () => {
    const allowed = "localhost, 127.0.0.0/8, ::1, ::, 0.0.0.0";
    const resolve = { localhost: ["127.0.0.1"] };
    for (const url of spellings(target.port)) {
      const result = await callHttpAction(action(url), {}, guard(allowed, resolve)).catch((error: Error) => error);
      // ::ffff:127.0.0.1 is allowed as 127.0.0.1; [::] and [::1] only answer where this machine has IPv6 loopback.
      if (result instanceof Error) expect(result.message, url).toMatch(/could not reach its server/);
      else expect(result, url).toMatchObject({ status: 200, body: { ok: true } });
    }
    expect(target.received.length).toBeGreaterThanOrEqual(spellings(target.port).length - 3);
    target.received.length = 0;
  });

  it("refuses private, link-local, carrier-grade NAT, unique-local, multicast and metadata addresses before any connection", async () => {
    const urls = [
      "http://10.0.0.1/",
      "http://172.16.5.4:8080/",
      "http://192.168.1.1/admin",
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://0xa9fea9fe/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fe80::1]/",
      "http://100.64.0.1/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://224.0.0.1/",
      "http://[ff02::1]/",
    ];
    for (const url of urls) {
      const error = await failure(callHttpAction(action(url), {}, guard("")));
      expect(error.kind, url).toBe("blocked");
      expect(error.message, url).toMatch(
        /is an? (private|link-local|carrier-grade NAT|unique-local|multicast) address/,
      );
    }
    expect(connects).toEqual([]);
    expect(fetches).toBe(0);
  });

  it("refuses a name that resolves to an internal address (any one of them), through a test resolver", async () => {
    const names = {
      "metadata.google.internal": ["169.254.169.254"],
      "intranet.example": ["10.20.30.40"],
      "split.example": ["203.0.113.7", "192.168.0.10"],
      "loopback.example": ["127.0.0.1"],
      "v6.example": ["fd12::1"],
    };
    for (const name of Object.keys(names)) {
      const error = await failure(callHttpAction(action(`http://${name}:${target.port}/x`), {}, guard("", names)));
      expect(error.kind, name).toBe("blocked");
      expect(error.message, name).toContain(`${name} resolves to `);
    }
    expect(target.received).toEqual([]);
    expect(connects).toEqual([]);
  });

  it("connects to the address it checked: one DNS answer, no second lookup that could be rebound", async () => {
    const asked: string[] = [];
    let answers = 0;
    const rebinding: Resolver = async (hostname) => {
      asked.push(hostname);
      answers++;
      // First the allowed loopback address, then (if asked again) one the rule refuses.
      return [{ address: answers === 1 ? "127.0.0.1" : "10.0.0.1", family: 4 }];
    };
    const options: ActionCallOptions = {
      fetch: countingFetch,
      guard: { allowList: parseAllowList("127.0.0.1"), resolve: rebinding, onConnect },
    };
    const result = await callHttpAction(action(`http://orders.rebind.example:${target.port}/orders`), {}, options);
    // The name went in the Host header; the connection went to the address checked (the system DNS does not know the name).
    expect(result).toEqual({ status: 200, body: { ok: true, host: `orders.rebind.example:${target.port}` } });
    expect(asked).toEqual(["orders.rebind.example"]);
    expect(connects).toEqual(["127.0.0.1"]);
    target.received.length = 0;
  });

  it("tries the checked addresses in turn, and only those", async () => {
    // Nothing listens on 127.0.0.2 at this port: the call goes on to the next address the rule checked.
    const options = guard("two.example", { "two.example": ["127.0.0.2", "127.0.0.1"] });
    expect(await callHttpAction(action(`http://two.example:${target.port}/`), {}, options)).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    expect(connects).toEqual(["127.0.0.2", "127.0.0.1"]);
    target.received.length = 0;
  });

  describe("redirects", () => {
    let redirector: Awaited<ReturnType<typeof loopbackServer>>;
    let location = "";
    beforeAll(async () => {
      redirector = await loopbackServer((_req, res) => void res.writeHead(302, { location }).end());
    });
    afterAll(async () => {
      await redirector?.close();
    });

    it("follows none: not to loopback (even an allowed one), not to the metadata address", async () => {
      for (const to of [
        `http://127.0.0.1:${target.port}/internal`,
        `http://localhost:${target.port}/`,
        "http://169.254.169.254/latest/meta-data/",
      ]) {
        location = to;
        const error = await failure(
          callHttpAction(action(`http://127.0.0.1:${redirector.port}/start`), {}, guard("127.0.0.1")),
        );
        expect(error).toMatchObject({ kind: "status", status: 302 });
        expect(error.message).toBe(
          `order_status answered 302: a redirect to ${to}, which actions do not follow; use the address it points to`,
        );
      }
      expect(redirector.received).toHaveLength(3);
      expect(target.received).toEqual([]);
      expect(connects.every((address) => address === "127.0.0.1")).toBe(true);
    });
  });

  it("reads at most 1 MB of an answer, with or without a content-length", async () => {
    for (const path of ["/big", "/big-chunked"]) {
      const error = await failure(
        callHttpAction(action(`http://127.0.0.1:${target.port}${path}`), {}, guard("127.0.0.1")),
      );
      expect(error.kind, path).toBe("too_large");
      expect(error.message).toBe("order_status answered with more than 1 MB: an action's answer may be at most 1 MB");
    }
    target.received.length = 0;
  });

  it("tells the model that the action is not allowed to reach that address", async () => {
    const calls: unknown[] = [];
    let step = 0;
    const usage = {
      inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 1, text: 1, reasoning: 0 },
    };
    const model = new MockLanguageModelV3({
      doGenerate: async (options) => {
        calls.push(options.prompt);
        step++;
        if (step === 1) {
          return {
            content: [{ type: "tool-call", toolCallId: "c1", toolName: "order_status", input: "{}" }],
            finishReason: { unified: "tool-calls", raw: undefined },
            usage,
            warnings: [],
          };
        }
        return {
          content: [{ type: "text", text: "I could not look that up." }],
          finishReason: { unified: "stop", raw: undefined },
          usage,
          warnings: [],
        };
      },
    });
    const tools = actionTools([action("http://169.254.169.254/latest/meta-data/")], "email", guard(""));
    await generateText({ model, prompt: "where is my order?", tools, stopWhen: stepCountIs(3) });
    expect(JSON.stringify(calls[1])).toContain(
      "order_status: this action is not allowed to reach that address: 169.254.169.254 is a link-local address.",
    );
    expect(connects).toEqual([]);
  });

  it("the Test panel shows the refusal and why", async () => {
    const result = await testHttpAction(action(`http://127.1:${target.port}/orders`), {}, guard(""));
    expect(result).toMatchObject({
      ok: false,
      status: null,
      errorKind: "blocked",
      url: `http://127.0.0.1:${target.port}/orders`,
    });
    expect(result.error).toBe(
      "order_status: this action is not allowed to reach that address: 127.0.0.1 is a loopback address. To call your own internal service, add its host to ACTIONS_ALLOWED_HOSTS.",
    );
    expect(target.received).toEqual([]);
  });

  it("checks a {placeholder} host at the call", async () => {
    const templated = action(`http://{host}:${target.port}/orders`, {
      parameters: { type: "object", properties: { host: { type: "string" } } },
    });
    const error = await failure(callHttpAction(templated, { host: "127.1" }, guard("")));
    expect(error.kind).toBe("blocked");
    expect(target.received).toEqual([]);
  });
});

describe("saving an action with an internal address", () => {
  let database: Database;
  let store: ActionsStore;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    store = new ActionsStore(database.db, randomBytes(32), 0, {
      allowList: parseAllowList("orders.internal"),
      resolve: table({
        "intranet.example": ["10.0.0.5"],
        "orders.internal": ["10.0.0.6"],
        "api.example": ["203.0.113.9"],
      }),
    });
  });
  afterAll(async () => {
    await database?.close();
  });
  const definition = (urlTemplate: string) => ({
    name: "order_status",
    description: "Look up an order's shipping status by its number.",
    parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    method: "GET",
    urlTemplate,
  });

  it("refuses it on the URL field, when created and when changed, and takes an allowed or public host", async () => {
    for (const url of [
      "http://2130706433/orders/{order_id}",
      "http://[::ffff:127.0.0.1]/orders/{order_id}",
      "https://intranet.example/orders/{order_id}",
    ]) {
      const error = await store.create(definition(url)).catch((caught: unknown) => caught);
      expect(error, url).toBeInstanceOf(ActionStoreError);
      expect(error, url).toMatchObject({ code: "address_not_allowed" });
      expect((error as Error).message, url).toMatch(/^urlTemplate: this action is not allowed to reach that address: /);
    }
    const saved = await store.create(definition("https://api.example/orders/{order_id}"));
    await expect(store.update(saved.id, { urlTemplate: "http://169.254.169.254/{order_id}" })).rejects.toThrow(
      /169\.254\.169\.254 is a link-local address/,
    );
    expect(await store.update(saved.id, { urlTemplate: "https://orders.internal/{order_id}" })).toMatchObject({
      urlTemplate: "https://orders.internal/{order_id}",
    });
    expect(await store.listForAdmin()).toHaveLength(1);
  });
});
