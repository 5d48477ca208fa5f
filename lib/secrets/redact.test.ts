import { describe, expect, it } from "vitest";
import { REDACTED, redactErrorSecrets, redactSecrets } from "./redact";

describe("redactSecrets", () => {
  const secret = "sk-live+abc/def=";

  it("replaces a secret as is, URL-encoded and JSON-escaped, everywhere it occurs", () => {
    const text = `key ${secret}, again ${secret}, in a URL ${encodeURIComponent(secret)}, in JSON ${JSON.stringify({ k: 'q"' + secret })}`;
    const redacted = redactSecrets(text, [secret]);
    expect(redacted).not.toContain("sk-live");
    expect(redacted.split(REDACTED)).toHaveLength(5);
  });

  it("leaves text alone for no secret, an empty one or one too short to be told from ordinary words", () => {
    expect(redactSecrets("a support request", [undefined, "", "1", "port"])).toBe("a support request");
  });
});

describe("redactErrorSecrets", () => {
  it("redacts the message, the stack, the response body and the cause, keeping the error's class", () => {
    class ApiCallError extends Error {
      responseBody = '{"error":"Incorrect API key provided: sk-live-123456"}';
    }
    const error = new ApiCallError("Incorrect API key provided: sk-live-123456", {
      cause: new Error("sk-live-123456 refused"),
    });
    const redacted = redactErrorSecrets(error, ["sk-live-123456"]);
    expect(redacted).toBe(error);
    expect(redacted).toBeInstanceOf(ApiCallError);
    expect(redacted.message).toBe(`Incorrect API key provided: ${REDACTED}`);
    expect(redacted.stack).not.toContain("sk-live");
    expect(redacted.responseBody).not.toContain("sk-live");
    expect((redacted.cause as Error).message).toBe(`${REDACTED} refused`);
  });
});
