import { fixtureText } from "../helpers/fixtures";
import { describe, expect, it } from "vitest";
import { callRecord, hasUsableCallText, parseAnswered, parseDuration } from "@/lib/channels/voice";

function fixtureMessage(name: string) {
  return JSON.parse(fixtureText(name)).payload.target.data;
}

describe("callRecord on the fixtures", () => {
  it("reads the handoff call as an answered transcript", () => {
    const message = fixtureMessage("app-inbound-call-handoff");
    expect(callRecord(message)).toEqual({
      kind: "transcript",
      durationSeconds: 189,
      answered: true,
      hasUsableText: true,
    });
  });

  it("reads the missed call as a voicemail", () => {
    const message = fixtureMessage("app-inbound-call-question");
    expect(callRecord(message)).toEqual({
      kind: "voicemail",
      durationSeconds: 41,
      answered: false,
      hasUsableText: true,
    });
  });

  it("reads call notes", () => {
    const message = fixtureMessage("app-inbound-call-other-assignee");
    expect(callRecord(message)).toEqual({
      kind: "call_notes",
      durationSeconds: 75,
      answered: true,
      hasUsableText: true,
    });
  });
});

describe("hasUsableCallText", () => {
  it.each([
    [""],
    ["   \n\t "],
    ["Incoming call"],
    ["Outgoing call"],
    ["Missed call"],
    ["Missed call."],
    ["*Missed call*"],
    ["Inbound call - 3:09"],
    ["Incoming call (0:41)"],
    ["Call from +1 (415) 555-0123"],
    ["Call from +14155550123"],
    ["Incoming call from Sam Lee"],
    ["Call from Unknown"],
    ["Voicemail"],
    ["New voicemail from +1 415 555 0123"],
    ["Call transcript"],
    ["Call transcript (3m09s)"],
    ["Voicemail transcript"],
    ["Voicemail transcript:"],
    ["Voicemail transcript: pending"],
    ["Call in progress"],
    ["(no transcript available)"],
    ["Transcription pending"],
    ["[Transcription pending]"],
    ["Transcript not available yet"],
    ["Call transcript\nTranscription pending"],
    ["Missed call from +14155550123\nDuration: 0:41"],
    ["Call notes:"],
    ["+1 415 555 0123\n00:41"],
    ["Call transcript\nAI line: Thanks for calling Acme, how can I help?"],
    ["Agent: Hello?\nAgent: Hello, anyone there?"],
  ])("%j is a placeholder or only our side", (text) => {
    expect(hasUsableCallText(text)).toBe(false);
  });

  it.each([
    ["Call transcript (3m09s)\nCustomer: Hi, I was charged twice."],
    ["Voicemail transcript\nHi, this is Sam, please call me back about my refund."],
    ["Call notes: customer asked about delivery times."],
    ["Hi, it's Sam. Call me back."],
    ["Call from Sam about his refund"],
    ["Missed call\nHi, it's Sam, my login is broken."],
    ["Customer: hello?"],
    ["Yes."],
  ])("%j has words", (text) => {
    expect(hasUsableCallText(text)).toBe(true);
  });

  it("treats missing text as a placeholder", () => {
    expect(hasUsableCallText(null)).toBe(false);
    expect(hasUsableCallText(undefined)).toBe(false);
  });
});

describe("callRecord kind", () => {
  it.each([
    [
      "a headed transcript",
      "Call transcript\nCustomer: Where is my order?",
      { have_been_answered: true },
      "transcript",
    ],
    [
      "speaker lines without a header",
      "Agent: Acme, how can I help?\nCaller: My order is late.",
      { have_been_answered: true },
      "transcript",
    ],
    ["timestamped speaker lines", "[00:03] Customer: hi\n[00:05] Agent: hello", {}, "transcript"],
    ["a headed voicemail", "Voicemail transcript\nCall me back please.", { have_been_answered: true }, "voicemail"],
    [
      "words on a missed call",
      "Hi, it's Sam, call me back about invoice 2041.",
      { have_been_answered: false },
      "voicemail",
    ],
    [
      "notes on a missed call",
      "Call notes: tried to reach customer, no answer.",
      { have_been_answered: false },
      "call_notes",
    ],
    [
      "a transcript header on a missed call",
      "Call transcript\nCustomer: hello?",
      { have_been_answered: false },
      "transcript",
    ],
    ["a call summary", "Call summary: customer wants a refund for order 1042.", {}, "call_notes"],
    [
      "unlabelled words on an answered call",
      "Customer wants to upgrade to Pro.",
      { have_been_answered: true },
      "unknown",
    ],
    ["unlabelled words without metadata", "Please call me back.", {}, "unknown"],
    ["a missed call placeholder", "Missed call", { have_been_answered: false }, "unknown"],
    ["a voicemail placeholder", "Voicemail", { have_been_answered: false }, "voicemail"],
    ["a transcript header alone", "Call transcript (3m09s)", { have_been_answered: true }, "transcript"],
    ["nothing at all", "", {}, "unknown"],
    ["only our greeting", "Agent: Hello?\nAgent: Anyone there?", { have_been_answered: true }, "transcript"],
  ] as const)("%s → %s", (_name, text, metadata, kind) => {
    expect(callRecord({ type: "call", text, metadata }).kind).toBe(kind);
  });

  it("keeps hasUsableText false for placeholders whatever their kind", () => {
    expect(callRecord({ type: "call", text: "Voicemail transcript", metadata: { have_been_answered: false } })).toEqual(
      {
        kind: "voicemail",
        answered: false,
        hasUsableText: false,
      },
    );
    expect(
      callRecord({ type: "phone-call", text: "Incoming call", metadata: { duration: 0, have_been_answered: true } }),
    ).toEqual({
      kind: "unknown",
      durationSeconds: 0,
      answered: true,
      hasUsableText: false,
    });
  });

  it("takes a voicemail message type as a voicemail", () => {
    expect(callRecord({ type: "voicemail", text: "Hi, call me back." }).kind).toBe("voicemail");
  });

  it("accepts a missing text, type and metadata", () => {
    expect(callRecord({})).toEqual({ kind: "unknown", hasUsableText: false });
    expect(callRecord({ type: null, text: null, metadata: null })).toEqual({ kind: "unknown", hasUsableText: false });
  });
});

describe("call metadata", () => {
  it.each([
    [189, 189],
    [0, 0],
    [41.5, 41.5],
    ["41", 41],
    [" 189 ", 189],
    ["3:09", 189],
    ["1:02:03", 3723],
    [-5, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ["abc", undefined],
    ["", undefined],
    [null, undefined],
    [undefined, undefined],
    [{ seconds: 5 }, undefined],
  ])("duration %j → %j", (value, expected) => {
    expect(parseDuration(value)).toBe(expected);
  });

  it.each([
    [true, true],
    [false, false],
    ["true", true],
    ["FALSE", false],
    ["yes", true],
    [0, false],
    [1, true],
    ["maybe", undefined],
    [null, undefined],
    [undefined, undefined],
  ])("have_been_answered %j → %j", (value, expected) => {
    expect(parseAnswered(value)).toBe(expected);
  });

  it("leaves out what the metadata does not say", () => {
    const record = callRecord({
      type: "custom",
      text: "Customer: hi",
      metadata: { duration: "n/a", have_been_answered: "?" },
    });
    expect(record).toEqual({ kind: "transcript", hasUsableText: true });
    expect("durationSeconds" in record).toBe(false);
    expect("answered" in record).toBe(false);
  });
});
