import { describe, expect, it } from "vitest";
import { setupChecklist, voiceDeliveryStep, type ChecklistSettings } from "@/lib/settings/setup-checklist";

const SMS = { id: "cha_sms1", address: "+18005550199", name: "SMS" };
const NOTHING_YET = { firstCall: null, firstRun: null, firstHandoff: null };
const CALLBACK_NOTES: ChecklistSettings = {
  voiceDelivery: "comment",
  textBackChannel: null,
  phoneChannelsPicked: true,
};

describe("the voice delivery step", () => {
  it("says how calls are answered, and links to the setting", () => {
    expect(voiceDeliveryStep({ voiceDelivery: "reply", textBackChannel: SMS })).toMatchObject({
      id: "voice_delivery",
      done: true,
      label: "Calls are texted back by SMS from SMS (+18005550199)",
      link: "/settings/ai#delivery",
      hint: null,
    });
    expect(
      voiceDeliveryStep({ voiceDelivery: "draft", textBackChannel: { id: "cha_sms2", address: null, name: null } }),
    ).toMatchObject({
      done: true,
      label: "Calls get an SMS draft on cha_sms2 for a teammate to send",
    });
    // A note for the callback needs no channel; one picked for later changes nothing.
    for (const textBackChannel of [null, SMS]) {
      expect(voiceDeliveryStep({ voiceDelivery: "comment", textBackChannel })).toMatchObject({
        done: true,
        label: "Calls are answered with an internal note for the callback",
      });
    }
  });

  it.each([
    ["reply", "text callers back by SMS"],
    ["draft", "leave an SMS draft for a teammate"],
  ] as const)("is to do when calls are set to %s with no SMS channel picked", (voiceDelivery, what) => {
    expect(voiceDeliveryStep({ voiceDelivery, textBackChannel: undefined })).toEqual({
      id: "voice_delivery",
      label: "Pick the SMS channel calls are answered from",
      done: false,
      at: null,
      link: "/settings/ai#delivery",
      linkLabel: "Delivery in Settings → AI",
      hint: `Calls are set to ${what}, but no SMS channel is picked: until one is, each call gets an internal note for the callback instead.`,
    });
  });
});

describe("setupChecklist", () => {
  it("lists the four steps in order; only the settings step is done before any traffic", () => {
    const steps = setupChecklist(NOTHING_YET, CALLBACK_NOTES);
    expect(steps.map((step) => [step.id, step.done])).toEqual([
      ["call_received", false],
      ["voice_delivery", true],
      ["ai_processed", false],
      ["handoff_fired", false],
    ]);
  });

  it("ticks traffic steps with the session that proved them", () => {
    const at = new Date("2026-05-01T10:00:00Z");
    const proof = { at, sessionId: "5f0c", ticketNumber: 12, frontEventId: "evt_1" };
    const [call] = setupChecklist({ ...NOTHING_YET, firstCall: proof }, CALLBACK_NOTES);
    expect(call).toMatchObject({
      done: true,
      at: at.toISOString(),
      link: "/inbox/5f0c",
      linkLabel: "Session #12",
      hint: null,
    });
  });

  it("points at the phone channels when custom messages arrive and none is picked", () => {
    const customMessage = { sessionId: "9a1b", ticketNumber: 7 };
    const [call] = setupChecklist(NOTHING_YET, { ...CALLBACK_NOTES, phoneChannelsPicked: false, customMessage });
    expect(call).toMatchObject({ done: false, link: "/settings/front#phone-channels", linkLabel: "Phone channels" });
    expect(call.hint).toMatch(
      /^Custom messages arrive \(Session #7\) and no phone channel is picked, so they are answered as web chat/,
    );

    // Picked, or no custom message: the usual hint.
    for (const settings of [
      { ...CALLBACK_NOTES, customMessage },
      { ...CALLBACK_NOTES, phoneChannelsPicked: false, customMessage: null },
    ]) {
      const [usual] = setupChecklist(NOTHING_YET, settings);
      expect(usual).toMatchObject({ link: null, hint: expect.stringMatching(/^Call a Front phone number/) });
    }
  });
});
