import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { globToRegExp } from "./faults";
import type { FrontSimulator } from "./index";
import { api, readFixture, startSim } from "../test/helpers/front-sim";

let sim: FrontSimulator;

beforeAll(async () => {
  sim = await startSim();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe("rate-limit mode", () => {
  it("answers the next N requests with 429, retry-after and the fixture body, then recovers", async () => {
    sim.rateLimit({ count: 2 });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await api(sim, "GET", "/me");
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("2");
      expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(await response.json()).toEqual(readFixture("api-error-429.json"));
    }
    expect((await api(sim, "GET", "/me")).status).toBe(200);
    expect(sim.requests.map((entry) => [entry.status, entry.fault])).toEqual([
      [429, "rate-limit"],
      [429, "rate-limit"],
      [200, undefined],
    ]);
  });

  it("a timed rate limit answers 429 until it runs out, announcing the seconds left", async () => {
    sim.rateLimit({ seconds: 1 });
    const limited = await api(sim, "GET", "/teammates");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    const retryAfterMs = Number(limited.headers.get("retry-after")) * 1000;
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs + 20));
    expect((await api(sim, "GET", "/teammates")).status).toBe(200);
    // The log lets a test check that a client waited out retry-after.
    const [first, second] = sim.requests;
    expect(second.timeMs - first.timeMs).toBeGreaterThanOrEqual(retryAfterMs);
  });

  it("only hits requests matching method and path", async () => {
    const { conversationId } = await sim.placeCall({ from: "+14155550100", text: "hello" });
    sim.rateLimit({ count: 1, method: "POST", path: "/conversations/*/comments", retryAfterSeconds: 7 });
    expect((await api(sim, "GET", `/conversations/${conversationId}`)).status).toBe(200);
    const comment = await api(sim, "POST", `/conversations/${conversationId}/comments`, { body: "note" });
    expect(comment.status).toBe(429);
    expect(comment.headers.get("retry-after")).toBe("7");
    expect(sim.getConversation(conversationId)?.comments).toHaveLength(0);
  });
});

describe("fail mode", () => {
  it("answers the given 5xx to the next N matching requests", async () => {
    const { conversationId } = await sim.placeCall({ from: "+14155550100", text: "hello" });
    sim.fail({ status: 503, count: 2, method: "PUT", path: "/conversations/**" });
    expect((await api(sim, "GET", "/me")).status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await api(sim, "PUT", `/conversations/${conversationId}/assignee`, { assignee_id: null });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ _error: { status: 503 } });
    }
    expect((await api(sim, "PUT", `/conversations/${conversationId}/assignee`, { assignee_id: null })).status).toBe(
      204,
    );
    expect(sim.getConversation(conversationId)?.assigneeChanges).toHaveLength(1);
  });

  it("answers a 4xx too, with Front's error body and the given message: Front refusing a request", async () => {
    const { conversationId } = await sim.placeCall({ from: "+14155550100", text: "hello" });
    sim.fail({
      status: 400,
      method: "POST",
      path: "/conversations/*/messages",
      message: "This channel cannot send replies",
    });
    const refused = await api(sim, "POST", `/conversations/${conversationId}/messages`, { body: "<p>Hi</p>" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      _error: { status: 400, title: "Bad request", message: "This channel cannot send replies", details: [] },
    });
    expect(sim.getConversation(conversationId)?.replies).toHaveLength(0);
    expect(sim.requests.at(-1)).toMatchObject({ status: 400, fault: "fail" });
    sim.fail({ status: 422 });
    expect(await (await api(sim, "GET", "/me")).json()).toMatchObject({
      _error: { status: 422, message: "Simulated client error" },
    });
  });

  it("refuses statuses outside 400–599", () => {
    expect(() => sim.fail({ status: 302 })).toThrow();
    expect(() => sim.fail({ status: 600 })).toThrow();
    expect(sim.faults).toHaveLength(0);
  });

  it("defaults to one 500", async () => {
    sim.fail();
    expect((await api(sim, "GET", "/me")).status).toBe(500);
    expect((await api(sim, "GET", "/me")).status).toBe(200);
  });
});

describe("hang mode", () => {
  it("never answers until the client aborts; the next request is served", async () => {
    sim.hang({ count: 1 });
    const started = Date.now();
    await expect(
      fetch(`${sim.url}/me`, { headers: { authorization: "Bearer test-token" }, signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await api(sim, "GET", "/me")).status).toBe(200);
    expect(sim.requests[0]).toMatchObject({ status: null, fault: "hang" });
  });

  it("close() does not wait for hung requests", async () => {
    const other = await startSim();
    other.hang({ count: 1 });
    const pending = fetch(`${other.url}/me`, { headers: { authorization: "Bearer test-token" } }).catch(
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("clearing", () => {
  it("clearFaults and reset drop every fault", async () => {
    sim.rateLimit({ seconds: 30 });
    sim.fail({ count: 5 });
    expect(sim.faults).toHaveLength(2);
    sim.clearFaults();
    expect((await api(sim, "GET", "/me")).status).toBe(200);
    sim.hang({ count: 3 });
    sim.reset();
    expect(sim.faults).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });

  it("path globs: * is one segment, ** anything", () => {
    expect(globToRegExp("/conversations/*/comments").test("/conversations/cnv_1/comments")).toBe(true);
    expect(globToRegExp("/conversations/*").test("/conversations/cnv_1/comments")).toBe(false);
    expect(globToRegExp("/conversations/**").test("/conversations/cnv_1/comments")).toBe(true);
    expect(globToRegExp("/me").test("/me")).toBe(true);
  });
});
