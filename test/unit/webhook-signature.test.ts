import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseDelivery, verifyFrontWebhook } from "@/lib/front/webhook";
import { fixture, fixtureText } from "../helpers/fixtures";

const APP_SECRET = "app-secret-123";
const RULE_SECRET = "rule-secret-456";
const NOW = 1_764_000_000_000;

function appHeaders(body: string, options: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const timestamp = String(options.timestamp ?? NOW);
  const signature =
    options.signature ??
    createHmac("sha256", options.secret ?? APP_SECRET)
      .update(`${timestamp}:${body}`)
      .digest("base64");
  return new Headers({ "x-front-request-timestamp": timestamp, "x-front-signature": signature });
}

function ruleHeaders(body: string, secret = RULE_SECRET) {
  return new Headers({ "X-Front-Signature": createHmac("sha1", secret).update(body).digest("base64") });
}

function verify(body: string, headers: Headers) {
  return verifyFrontWebhook({
    rawBody: Buffer.from(body),
    headers,
    appSecret: APP_SECRET,
    ruleSecret: RULE_SECRET,
    now: NOW,
  });
}

describe("application webhook signatures (HMAC-SHA256 of `timestamp:body`)", () => {
  const body = fixtureText("app-inbound-call-handoff");

  it("accepts a valid signature", () => {
    expect(verify(body, appHeaders(body))).toEqual({ kind: "application", result: "valid" });
  });

  it("rejects a tampered body", () => {
    const headers = appHeaders(body);
    expect(verify(body.replace("charged twice", "charged once"), headers).result).toBe("invalid");
  });

  it("rejects a signature made with another secret", () => {
    const result = verify(body, appHeaders(body, { secret: "wrong" }));
    expect(result.result).toBe("invalid");
    expect(result.reason).toContain("FRONT_APP_SECRET");
  });

  it("rejects a stale timestamp and a future one (more than five minutes away)", () => {
    expect(verify(body, appHeaders(body, { timestamp: NOW - 5 * 60_000 - 1 })).result).toBe("stale");
    expect(verify(body, appHeaders(body, { timestamp: NOW + 5 * 60_000 + 1 })).result).toBe("stale");
    expect(verify(body, appHeaders(body, { timestamp: NOW - 4 * 60_000 })).result).toBe("valid");
  });

  it("rejects a timestamp that is not a number", () => {
    const headers = appHeaders(body);
    headers.set("x-front-request-timestamp", "yesterday");
    expect(verify(body, headers).result).toBe("invalid");
  });

  it("signs the timestamp too: a valid signature replayed with another timestamp fails", () => {
    const headers = appHeaders(body);
    headers.set("x-front-request-timestamp", String(NOW + 1000));
    expect(verify(body, headers).result).toBe("invalid");
  });

  it("reports a missing signature header", () => {
    expect(verify(body, new Headers({ "x-front-request-timestamp": String(NOW) }))).toMatchObject({
      kind: "application",
      result: "missing",
    });
  });

  it("refuses everything when the app secret is not configured", () => {
    const result = verifyFrontWebhook({ rawBody: Buffer.from(body), headers: appHeaders(body), now: NOW });
    expect(result).toMatchObject({ result: "not_configured", reason: "FRONT_APP_SECRET is not set" });
  });
});

describe("rule webhook signatures (HMAC-SHA1 of the body)", () => {
  const body = fixtureText("rule-inbound-call-full");

  it("accepts a valid signature", () => {
    expect(verify(body, ruleHeaders(body))).toEqual({ kind: "rule", result: "valid" });
  });

  it("rejects a tampered body", () => {
    expect(verify(body.replace("4411", "4412"), ruleHeaders(body)).result).toBe("invalid");
  });

  it("rejects a wrong secret", () => {
    expect(verify(body, ruleHeaders(body, "nope")).result).toBe("invalid");
  });

  it("reports missing headers", () => {
    expect(verify(body, new Headers())).toMatchObject({ kind: "rule", result: "missing" });
  });
});

describe("parsing a verified delivery", () => {
  it("recognises the sync handshake", () => {
    expect(parseDelivery("application", fixture("app-sync-challenge"))).toEqual({
      type: "sync",
      envelopeType: "sync",
      companyId: "cmp_4thp0",
    });
  });

  it("unwraps the application envelope and keeps unknown fields", () => {
    const parsed = parseDelivery("application", fixture("app-inbound-call-handoff"));
    expect(parsed.type).toBe("event");
    if (parsed.type !== "event") return;
    expect(parsed.envelopeType).toBe("inbound_received");
    expect(parsed.companyId).toBe("cmp_4thp0");
    expect(parsed.event.id).toBe("evt_call001");
    expect((parsed.event as Record<string, unknown>)._links).toBeDefined();
  });

  it("reads a bare rule event, including a preview", () => {
    const parsed = parseDelivery("rule", fixture("rule-inbound-preview"));
    expect(parsed).toMatchObject({
      type: "event",
      envelopeType: null,
      companyId: null,
      event: { id: "evt_rule002", type: "inbound" },
    });
  });

  it("accepts unknown event types", () => {
    expect(parseDelivery("rule", { id: "evt_x", type: "brand_new_event" })).toMatchObject({ type: "event" });
  });

  it("rejects bodies that are not Front events", () => {
    expect(parseDelivery("rule", { hello: "world" }).type).toBe("invalid");
    expect(parseDelivery("application", { type: "inbound_received" }).type).toBe("invalid");
    expect(parseDelivery("application", [1, 2]).type).toBe("invalid");
  });
});
