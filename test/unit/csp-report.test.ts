import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/csp-report/route";
import { createReportLimiter, describeViolation, parseCspReport } from "@/lib/security/csp-report";

// What browsers send when the Content-Security-Policy blocks something, in both formats, as Chromium and Firefox
// write them; and what the report endpoint does with them, with junk, and with a flood.

const REPORT_URI_BODY = {
  "csp-report": {
    "document-uri": "https://frontline.example/inbox?q=refund",
    referrer: "",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "original-policy": "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'",
    disposition: "enforce",
    "blocked-uri": "inline",
    "line-number": 12,
    "source-file": "https://frontline.example/inbox?q=refund",
    "status-code": 200,
    "script-sample": "",
  },
};

const REPORTING_API_BODY = [
  {
    type: "csp-violation",
    age: 10,
    url: "https://frontline.example/reports",
    user_agent: "Mozilla/5.0",
    body: {
      documentURL: "https://frontline.example/reports",
      effectiveDirective: "script-src-elem",
      blockedURL: "https://evil.example/x.js",
      disposition: "enforce",
      sourceFile: "https://frontline.example/_next/static/chunks/app.js",
      lineNumber: 3,
      statusCode: 200,
      originalPolicy: "…",
    },
  },
  { type: "deprecation", body: { id: "x" } },
];

function post(body: string, headers: Record<string, string> = { "content-type": "application/csp-report" }) {
  return POST(new Request("http://localhost:3000/api/csp-report", { method: "POST", headers, body }));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("parseCspReport", () => {
  it("reads report-uri's format and the Reporting API's, and nothing else", () => {
    expect(parseCspReport(REPORT_URI_BODY)).toEqual([
      {
        directive: "script-src-elem",
        blocked: "inline",
        page: "https://frontline.example/inbox",
        source: "https://frontline.example/inbox",
        line: 12,
        disposition: "enforce",
      },
    ]);
    expect(parseCspReport(REPORTING_API_BODY)).toEqual([
      {
        directive: "script-src-elem",
        blocked: "https://evil.example/x.js",
        page: "https://frontline.example/reports",
        source: "https://frontline.example/_next/static/chunks/app.js",
        line: 3,
        disposition: "enforce",
      },
    ]);
    for (const junk of [
      null,
      42,
      "x",
      {},
      { "csp-report": "x" },
      { "csp-report": { "blocked-uri": "inline" } },
      [],
      [{ type: "deprecation", body: {} }],
    ]) {
      expect(parseCspReport(junk)).toBeNull();
    }
  });

  it("keeps no query string and no control character: a report cannot forge a second log line", () => {
    const forged = {
      "csp-report": {
        "document-uri": "https://frontline.example/inbox\n[csp] blocked nothing (script-src) on /admin",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js?token=abc\r\nfake",
      },
    };
    const [violation] = parseCspReport(forged)!;
    const line = describeViolation(violation!);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).not.toContain("token=abc");
    expect(line).toBe(
      "[csp] blocked https://evil.example/x.js (script-src-elem) on https://frontline.example/inbox [csp] blocked nothing (script-src) on /admin",
    );
  });

  it("logs the page without its query, which may carry a search or an id", () => {
    expect(describeViolation(parseCspReport(REPORT_URI_BODY)![0])).toBe(
      "[csp] blocked inline (script-src-elem) on https://frontline.example/inbox in https://frontline.example/inbox:12",
    );
  });
});

describe("POST /api/csp-report", () => {
  it("logs each violation and answers 204, whoever sends it (browsers send no sign-in)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect((await post(JSON.stringify(REPORT_URI_BODY))).status).toBe(204);
    expect(
      (await post(JSON.stringify(REPORTING_API_BODY), { "content-type": "application/reports+json" })).status,
    ).toBe(204);
    expect(warn.mock.calls.map(([line]) => line)).toEqual([
      "[csp] blocked inline (script-src-elem) on https://frontline.example/inbox in https://frontline.example/inbox:12",
      "[csp] blocked https://evil.example/x.js (script-src-elem) on https://frontline.example/reports in https://frontline.example/_next/static/chunks/app.js:3",
    ]);
  });

  it("refuses what is not a report: 400 for junk, 413 for anything over 16 KB; nothing is logged", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const junk = await post("not json");
    expect(junk.status).toBe(400);
    expect(await junk.json()).toEqual({ error: { code: "invalid_report", message: "The body is not valid JSON." } });
    expect((await post(JSON.stringify({ hello: "world" }))).status).toBe(400);
    const huge = JSON.stringify({
      "csp-report": { ...REPORT_URI_BODY["csp-report"], "script-sample": "x".repeat(17_000) },
    });
    const tooLarge = await post(huge);
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe("too_large");
    expect(warn).not.toHaveBeenCalled();
  });

  it("stops reading a body sent without a length once it passes 16 KB", async () => {
    const chunk = new TextEncoder().encode("x".repeat(4096));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await POST(
      new Request("http://localhost:3000/api/csp-report", {
        method: "POST",
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    // Read up to the limit and a little past it, then cancelled: not the endless rest.
    expect(sent).toBeLessThan(10);
  });
});

describe("createReportLimiter", () => {
  it("logs at most `max` a minute and then says how many it left out", () => {
    let now = 0;
    const limiter = createReportLimiter(3, 60_000, () => now);
    expect(Array.from({ length: 5 }, () => limiter.take())).toEqual([
      { log: true, flushed: 0 },
      { log: true, flushed: 0 },
      { log: true, flushed: 0 },
      { log: false, flushed: 0 },
      { log: false, flushed: 0 },
    ]);
    now = 60_000;
    expect(limiter.take()).toEqual({ log: true, flushed: 2 });
    expect(limiter.take()).toEqual({ log: true, flushed: 0 });
  });
});
