import { fixtureText } from "../helpers/fixtures";
import { describe, expect, it } from "vitest";
import { prepareMessage } from "@/lib/channels";

function fixtureMessage(name: string) {
  return JSON.parse(fixtureText(name)).payload.target.data;
}

function jsonRoundTrip(value: unknown) {
  return JSON.parse(JSON.stringify(value));
}

describe("prepareMessage: email", () => {
  it("shows a lead the whole email and the model only the new words", () => {
    const prepared = prepareMessage({ ...fixtureMessage("app-inbound-email"), channel: "email" });
    expect(prepared.displayText).toBe(
      "Hello,\nCan I change the billing email on my account?\n\nOn Mon, someone wrote:\n> previous thread",
    );
    expect(prepared.modelText).toContain("Can I change the billing email on my account?");
    expect(prepared.modelText).not.toContain("previous thread");
    expect(prepared).toMatchObject({ subject: "Billing email", usable: true, attachments: [] });
    expect(prepared.metadata).toEqual({ quotedRemoved: true, signatureRemoved: false });
    expect(prepared.call).toBeUndefined();
    expect(prepared.sms).toBeUndefined();
  });

  it("derives the channel from the message type when none is given", () => {
    expect(prepareMessage(fixtureMessage("app-inbound-email")).metadata).toHaveProperty("quotedRemoved", true);
  });

  it("reads the HTML body when Front sent no plain text", () => {
    const prepared = prepareMessage({
      type: "email",
      subject: "Re: Refund",
      body: "<p>Still waiting for my refund.</p><p>Thanks,<br>Sam</p><blockquote>Your refund was issued.</blockquote>",
      text: null,
      channel: "email",
    });
    expect(prepared.displayText).toBe("Still waiting for my refund.\n\nThanks,\nSam\n\nYour refund was issued.");
    expect(prepared.modelText).toBe("Still waiting for my refund.");
    expect(prepared.subject).toBe("Refund");
    expect(prepared.metadata).toEqual({ quotedRemoved: true, signatureRemoved: true });
  });

  it("lists attachments, and stores them without the size label", () => {
    const prepared = prepareMessage({
      type: "email",
      text: "Screenshot attached.",
      attachments: [{ filename: "error.png", content_type: "image/png", size: 204800 }],
      channel: "email",
    });
    expect(prepared.attachments).toEqual([
      { name: "error.png", contentType: "image/png", size: 204800, sizeLabel: "200 KB" },
    ]);
    expect(prepared.metadata.attachments).toEqual([{ name: "error.png", contentType: "image/png", size: 204800 }]);
  });

  it("counts an email with only a subject as usable", () => {
    const prepared = prepareMessage({
      type: "email",
      subject: "Refund for order 1042?",
      body: "",
      text: "",
      channel: "email",
    });
    expect(prepared).toMatchObject({ modelText: "", usable: true, subject: "Refund for order 1042?" });
  });
});

describe("prepareMessage: voice", () => {
  it("passes a transcript through as is, with the call record", () => {
    const message = fixtureMessage("app-inbound-call-handoff");
    const prepared = prepareMessage({ ...message, channel: "voice" });
    expect(prepared.modelText).toBe(message.text);
    expect(prepared.displayText).toBe(message.text);
    expect(prepared.call).toEqual({ kind: "transcript", durationSeconds: 189, answered: true, hasUsableText: true });
    expect(prepared.metadata).toEqual({ callKind: "transcript", durationSeconds: 189, answered: true });
    expect(prepared.usable).toBe(true);
  });

  it("marks a voicemail", () => {
    const prepared = prepareMessage({ ...fixtureMessage("app-inbound-call-question"), channel: "voice" });
    expect(prepared.metadata).toEqual({ callKind: "voicemail", durationSeconds: 41, answered: false });
    expect(prepared.usable).toBe(true);
  });

  it("is not usable while the call is only a placeholder", () => {
    const prepared = prepareMessage({
      type: "call",
      body: "<p>Call transcript (0m12s)</p><p>Transcription pending</p>",
      text: "Call transcript (0m12s)\nTranscription pending",
      metadata: { duration: 12, have_been_answered: true },
      channel: "voice",
    });
    expect(prepared.usable).toBe(false);
    expect(prepared.call?.hasUsableText).toBe(false);
    expect(prepared.displayText).toBe("Call transcript (0m12s)\nTranscription pending");
  });

  it("is not usable for a missed call without a voicemail", () => {
    // A custom message on a phone channel: the pipeline says it is voice.
    const prepared = prepareMessage({
      type: "custom",
      channel: "voice",
      text: "Missed call from +14155550123",
      metadata: { have_been_answered: false },
    });
    expect(prepared.call).toEqual({ kind: "unknown", answered: false, hasUsableText: false });
    expect(prepared.usable).toBe(false);
    expect(prepared.metadata).toEqual({ callKind: "unknown", answered: false });
  });
});

describe("prepareMessage: sms, whatsapp, web", () => {
  it("counts SMS segments and keeps the text as written", () => {
    const prepared = prepareMessage({ type: "sms", text: "Is my order 1042 shipped? 🙏", channel: "sms" });
    expect(prepared.modelText).toBe("Is my order 1042 shipped? 🙏");
    expect(prepared.sms).toEqual({ encoding: "UCS-2", segments: 1, characters: 28 });
    expect(prepared.metadata).toEqual({ smsSegments: 1, smsEncoding: "UCS-2" });
    expect(prepared.usable).toBe(true);
  });

  it("does not strip an SMS that looks like an email sign-off", () => {
    const prepared = prepareMessage({ type: "sms", text: "Can you call me?\nThanks,\nSam", channel: "sms" });
    expect(prepared.modelText).toBe("Can you call me?\nThanks,\nSam");
  });

  it("keeps an MMS picture without text for a lead, but it gives the model nothing to read", () => {
    const prepared = prepareMessage({
      type: "sms",
      text: "",
      attachments: [{ filename: "IMG_0042.jpg", content_type: "image/jpeg", size: 1536000 }],
      channel: "sms",
    });
    expect(prepared.usable).toBe(false);
    expect(prepared.attachments[0]).toMatchObject({ name: "IMG_0042.jpg", sizeLabel: "1.5 MB" });
    expect(prepared.metadata).toEqual({
      smsSegments: 0,
      smsEncoding: "GSM-7",
      attachments: [{ name: "IMG_0042.jpg", contentType: "image/jpeg", size: 1536000 }],
    });
  });

  it("passes WhatsApp text through without SMS counting", () => {
    const prepared = prepareMessage({ type: "whatsapp", text: "Hola 👋 ¿está abierto hoy?", channel: "whatsapp" });
    expect(prepared).toMatchObject({ modelText: "Hola 👋 ¿está abierto hoy?", usable: true, metadata: {} });
    expect(prepared.sms).toBeUndefined();
  });

  it("reads web chat from the HTML body when there is no text", () => {
    const prepared = prepareMessage({ type: "front_chat", body: "<p>Do you ship to Canada?</p>", channel: "web" });
    expect(prepared).toMatchObject({
      displayText: "Do you ship to Canada?",
      modelText: "Do you ship to Canada?",
      usable: true,
    });
  });

  it("is not usable when the message is empty", () => {
    const prepared = prepareMessage({ type: "front_chat", body: "<p> </p>", text: "  ", channel: "web" });
    expect(prepared).toMatchObject({ displayText: "", modelText: "", usable: false, subject: null, metadata: {} });
  });
});

describe("prepareMessage: stored metadata", () => {
  it.each([
    ["email", fixtureMessage("app-inbound-email")],
    ["voice", fixtureMessage("app-inbound-call-question")],
    [
      "sms",
      {
        type: "sms",
        text: "10€ please",
        attachments: [{ filename: "a.pdf", content_type: "application/pdf", size: null }],
      },
    ],
  ] as const)("is JSON-safe for %s", (channel, message) => {
    const { metadata } = prepareMessage({ ...message, channel });
    expect(jsonRoundTrip(metadata)).toEqual(metadata);
    expect(Object.values(metadata)).not.toContain(undefined);
  });

  it("reads a custom message's call metadata when its channel makes it a call, and never takes the metadata for one", () => {
    const message = { type: "custom", text: "Voicemail transcript\nCall me back.", metadata: { duration: "33" } };
    expect(prepareMessage({ ...message, channel: "voice" }).metadata).toEqual({
      callKind: "voicemail",
      durationSeconds: 33,
    });
    // Without a channel, only the type decides: a custom message is web chat.
    expect(prepareMessage(message)).toMatchObject({ metadata: {}, modelText: "Voicemail transcript\nCall me back." });
    expect(prepareMessage(message).call).toBeUndefined();
  });
});
