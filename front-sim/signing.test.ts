import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signApplicationWebhook, signRuleWebhook } from "./index";
import { readFixtureText } from "../test/helpers/front-sim";

describe("webhook signing", () => {
  const rawBody = readFixtureText("app-inbound-call-handoff.json");

  it("application: base64 HMAC-SHA256 of `${timestamp}:${rawBody}` with the app secret", () => {
    const timestampMs = 1764000000123;
    const expected = createHmac("sha256", "app-secret").update(`${timestampMs}:${rawBody}`).digest("base64");
    expect(signApplicationWebhook("app-secret", timestampMs, rawBody)).toBe(expected);
    expect(signApplicationWebhook("app-secret", String(timestampMs), Buffer.from(rawBody))).toBe(expected);
    expect(signApplicationWebhook("other-secret", timestampMs, rawBody)).not.toBe(expected);
    expect(signApplicationWebhook("app-secret", timestampMs + 1, rawBody)).not.toBe(expected);
  });

  it("rule: base64 HMAC-SHA1 of the raw body with the rule secret", () => {
    const ruleBody = readFixtureText("rule-inbound-call-full.json");
    const expected = createHmac("sha1", "rule-secret").update(ruleBody).digest("base64");
    expect(signRuleWebhook("rule-secret", ruleBody)).toBe(expected);
    expect(signRuleWebhook("rule-secret", `${ruleBody} `)).not.toBe(expected);
  });

  it("is sensitive to the exact bytes, not the parsed JSON", () => {
    const reserialised = JSON.stringify(JSON.parse(rawBody));
    expect(signApplicationWebhook("s", 1, reserialised)).not.toBe(signApplicationWebhook("s", 1, rawBody));
  });
});
