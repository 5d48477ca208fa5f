import { describe, expect, it } from "vitest";
import { deliveredAsText, routeCallAnswer } from "@/lib/pipeline/answer-route";
import { parseDelivery } from "@/lib/front/webhook";
import { eventPartyId } from "@/lib/front/types";

const SMS = { id: "cha_sms1", address: "+18005550199", name: "SMS" };

describe("a call's answer: texted back, an SMS draft, or a note for the callback", () => {
  it("texts the caller back from the picked SMS channel, to their number in E.164", () => {
    const route = routeCallAnswer({ mode: "reply", contactHandle: "(415) 555-0142", textBackChannel: SMS });
    expect(route).toEqual({ mode: "reply", channelId: "cha_sms1", to: ["+14155550142"], from: "+18005550199" });
    expect(deliveredAsText(route)).toBe("Texted back from +18005550199 to +14155550142");
  });

  it("leaves an SMS draft on the same channel", () => {
    const route = routeCallAnswer({ mode: "draft", contactHandle: "+14155550142", textBackChannel: SMS });
    expect(route).toEqual({ mode: "draft", channelId: "cha_sms1", to: ["+14155550142"], from: "+18005550199" });
    expect(deliveredAsText(route)).toBe("SMS draft from +18005550199 to +14155550142 left for a teammate");
  });

  it.each([
    [
      "no SMS channel is picked",
      { mode: "reply", contactHandle: "+14155550142", textBackChannel: undefined },
      "+14155550142",
      /no SMS channel is picked/,
    ],
    [
      "the caller is not a phone number",
      { mode: "reply", contactHandle: "anonymous", textBackChannel: SMS },
      "anonymous",
      /not a phone number/,
    ],
    [
      "the team chose notes",
      { mode: "comment", contactHandle: "+14155550142", textBackChannel: SMS },
      "+14155550142",
      /chose a note/,
    ],
  ] as const)("is a note for the callback when %s", (_case, input, to, why) => {
    const route = routeCallAnswer(input);
    expect(route).toEqual({ mode: "comment", callback: { to, why: expect.stringMatching(why) } });
    expect(deliveredAsText(route)).toBe(`Note left for the callback to ${to}`);
  });
});

describe("events in Front's preview form", () => {
  it("accepts Front's published preview (flat sides, no data) and a body without a target", () => {
    const preview = {
      _links: { self: "https://acme.api.frontapp.com/events/evt_55c8c149" },
      id: "evt_55c8c149",
      type: "assign",
      emitted_at: 1453770984.123,
      source: {
        _meta: { type: "teammate" },
        _links: { self: "https://acme.api.frontapp.com/teammates/tea_1" },
        id: "tea_1",
      },
      target: {
        _meta: { type: "teammate" },
        _links: { self: "https://acme.api.frontapp.com/teammates/tea_55c8c149" },
        id: "tea_55c8c149",
      },
      conversation: {
        _links: { self: "https://acme.api.frontapp.com/conversations/cnv_55c8c149" },
        id: "cnv_55c8c149",
      },
    };
    const parsed = parseDelivery("rule", preview);
    expect(parsed.type).toBe("event");
    if (parsed.type !== "event") return;
    expect(eventPartyId(parsed.event.target)).toBe("tea_55c8c149");

    const archive: Record<string, unknown> = { ...preview, type: "archive" };
    delete archive.target;
    const archived = parseDelivery("rule", archive);
    expect(archived.type === "event" && archived.event.target).toBeUndefined();
  });

  it("reads the id from a full side's data first", () => {
    expect(eventPartyId({ _meta: { type: "message" }, data: { id: "msg_1" } })).toBe("msg_1");
    expect(eventPartyId(null)).toBeNull();
  });
});
