import { describe, expect, it } from "vitest";
import {
  browserLabel,
  callDetailsLine,
  callInfo,
  callMedium,
  contactLabel,
  elapsedMs,
  firstLine,
  flattenJson,
  formatCallDuration,
  formatCount,
  formatDurationMs,
  formatTokens,
  humanize,
  localDateTime,
  localTime,
  prettyJson,
  relativeTime,
  rowSnippet,
  sentimentLabel,
  statusLabel,
  ticketLabel,
} from "@/components/format";

const utc = { locale: "en-US", timeZone: "UTC" };
// ICU versions differ in the space before AM/PM (U+202F or a plain space).
const plain = (text: string) => text.replace(/\s/g, " ");

describe("labels", () => {
  it("names statuses and sentiments, and humanizes unknown codes", () => {
    expect(statusLabel("handed_off")).toBe("Handed off");
    expect(statusLabel("ai_answering")).toBe("AI answering");
    expect(statusLabel("waiting_on_front")).toBe("Waiting on front");
    expect(sentimentLabel("frustrated")).toBe("Frustrated");
    expect(humanize("inbound_received")).toBe("Inbound received");
    expect(humanize("")).toBe("");
  });

  it("formats ticket numbers and contacts", () => {
    expect(ticketLabel(1001)).toBe("#1001");
    expect(contactLabel({ contactName: "Dana Reyes", contactHandle: "+15551230000" })).toBe("Dana Reyes");
    expect(contactLabel({ contactName: "  ", contactHandle: "+15551230000" })).toBe("+15551230000");
    expect(contactLabel({ contactName: null, contactHandle: null })).toBe("Unknown contact");
  });
});

describe("row text", () => {
  it("takes the first non-blank line", () => {
    expect(firstLine("\n  \nCall transcript (3m09s)\nCustomer: hi")).toBe("Call transcript (3m09s)");
    expect(firstLine(null)).toBe("");
    expect(firstLine("a\r\nb")).toBe("a");
  });

  it("prefers the summary, then the customer's words, then the subject", () => {
    expect(rowSnippet({ summary: "Wants a refund.\nAngry.", preview: "hello" })).toBe("Wants a refund.");
    expect(rowSnippet({ summary: null, preview: "Where is my order?" })).toBe("Where is my order?");
    expect(rowSnippet({ summary: "", preview: " ", subject: "Order 42" })).toBe("Order 42");
    expect(rowSnippet({})).toBe("");
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2025-03-10T12:00:00Z");
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it("uses short relative words for the last week", () => {
    expect(relativeTime(ago(10_000), now)).toBe("just now");
    expect(relativeTime(ago(-60_000), now)).toBe("just now");
    expect(relativeTime(ago(50_000), now)).toBe("1 min ago");
    expect(relativeTime(ago(5 * 60_000), now)).toBe("5 min ago");
    expect(relativeTime(ago(3 * 3_600_000 + 10), now)).toBe("3 h ago");
    expect(relativeTime(ago(30 * 3_600_000), now)).toBe("yesterday");
    expect(relativeTime(ago(4 * 86_400_000), now)).toBe("4 days ago");
  });

  it("falls back to a date, with the year only when it differs", () => {
    expect(relativeTime("2025-02-01T09:00:00Z", now, utc)).toBe("Feb 1");
    expect(relativeTime("2024-12-24T09:00:00Z", now, utc)).toBe("Dec 24, 2024");
    expect(relativeTime("not a date", now)).toBe("");
  });
});

describe("local dates", () => {
  it("formats in the given zone (the viewer's by default)", () => {
    expect(plain(localDateTime("2025-03-04T14:05:09Z", utc))).toBe("Mar 4, 2025, 2:05 PM");
    expect(plain(localDateTime("2025-03-04T14:05:09Z", { ...utc, seconds: true }))).toBe("Mar 4, 2025, 2:05:09 PM");
    expect(plain(localDateTime("2025-03-04T14:05:09Z", { locale: "en-US", timeZone: "America/New_York" }))).toBe(
      "Mar 4, 2025, 9:05 AM",
    );
    expect(plain(localTime("2025-03-04T14:05:09Z", utc))).toBe("2:05 PM");
    expect(localDateTime(null)).toBe("");
    expect(localTime("nope")).toBe("");
  });
});

describe("durations and counts", () => {
  it("formats step durations", () => {
    expect(formatDurationMs(0)).toBe("0 ms");
    expect(formatDurationMs(840)).toBe("840 ms");
    expect(formatDurationMs(2_460)).toBe("2.4 s");
    expect(formatDurationMs(18_900)).toBe("18 s");
    expect(formatDurationMs(65_000)).toBe("1 min 05 s");
    // An event's processing time as the event history shows it (it once read "238863 ms").
    expect(formatDurationMs(238_863)).toBe("3 min 59 s");
    expect(formatDurationMs(3_725_000)).toBe("1 h 02 min");
    expect(formatDurationMs(null)).toBe("—");
    expect(formatDurationMs(-1)).toBe("—");
  });

  it("formats call lengths like Front", () => {
    expect(formatCallDuration(189)).toBe("3m09s");
    expect(formatCallDuration(45)).toBe("45s");
    expect(formatCallDuration(3723)).toBe("1h02m03s");
    expect(formatCallDuration(0)).toBe("0s");
  });

  it("formats tokens and elapsed time", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatTokens(1)).toBe("1 token");
    expect(formatTokens(1234)).toBe("1,234 tokens");
    expect(elapsedMs("2025-03-04T14:05:00.000Z", "2025-03-04T14:05:01.250Z")).toBe(1250);
    expect(elapsedMs("2025-03-04T14:05:00.000Z", null)).toBeNull();
  });
});

describe("calls", () => {
  it("reads call details from Front's metadata", () => {
    const info = callInfo({
      messageType: "call",
      metadata: { duration: 189, have_been_answered: true },
      text: "Call transcript (3m09s)\nCustomer: hi",
    });
    expect(info).toEqual({ durationSeconds: 189, answered: true, medium: "transcript" });
    expect(callDetailsLine(info!)).toBe("Phone call · 3m09s · answered · transcript");
  });

  it("recognises custom phone messages and voicemails", () => {
    const info = callInfo({
      messageType: "custom",
      metadata: { have_been_answered: false },
      text: "Hi, it's Sam, please call me back.",
    });
    expect(info).toEqual({ durationSeconds: undefined, answered: false, medium: "voicemail" });
    expect(callDetailsLine(info!)).toBe("Phone call · missed · voicemail");
  });

  it("is null for other messages", () => {
    expect(callInfo({ messageType: "email", metadata: {}, text: "Hello" })).toBeNull();
    expect(callInfo({ messageType: "reply", metadata: null })).toBeNull();
  });

  it("tells the medium from the first line", () => {
    expect(callMedium("Voicemail transcript\nhello")).toBe("voicemail");
    expect(callMedium("Call notes: asked about hours")).toBe("call notes");
    expect(callMedium("Transcript\nCustomer: hi", false)).toBe("transcript");
    expect(callMedium("")).toBeNull();
    expect(callDetailsLine({ medium: null })).toBe("Phone call");
  });
});

describe("JSON", () => {
  it("pretty-prints values and JSON strings", () => {
    expect(prettyJson({ query: "refund" })).toBe('{\n  "query": "refund"\n}');
    expect(prettyJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyJson("plain text")).toBe('"plain text"');
    expect(prettyJson("{not json")).toBe("{not json");
    expect(prettyJson(null)).toBe("null");
    expect(prettyJson(undefined)).toBe("undefined");
  });

  it("flattens to path/value rows", () => {
    expect(
      flattenJson({ results: [{ title: "Refunds", score: 0.8 }], empty: [], meta: {}, ok: true, next: null }),
    ).toEqual([
      { path: "results[0].title", value: "Refunds", type: "string" },
      { path: "results[0].score", value: "0.8", type: "number" },
      { path: "empty", value: "[]", type: "empty" },
      { path: "meta", value: "{}", type: "empty" },
      { path: "ok", value: "true", type: "boolean" },
      { path: "next", value: "null", type: "null" },
    ]);
    expect(flattenJson("hi")).toEqual([{ path: "", value: "hi", type: "string" }]);
  });
});

describe("browserLabel", () => {
  it("names the browser and the system the way a person would", () => {
    const chromeMac =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const edgeWindows =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
    const safariIphone =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    const firefoxLinux = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    const chromeAndroid =
      "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    expect(browserLabel(chromeMac)).toBe("Chrome on macOS");
    expect(browserLabel(edgeWindows)).toBe("Edge on Windows");
    expect(browserLabel(safariIphone)).toBe("Safari on iOS");
    expect(browserLabel(firefoxLinux)).toBe("Firefox on Linux");
    expect(browserLabel(chromeAndroid)).toBe("Chrome on Android");
    expect(browserLabel("curl/8.5.0")).toBe("curl/8.5.0");
    expect(browserLabel(null)).toBe("Unknown browser");
  });
});
