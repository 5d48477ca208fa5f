import { describe, expect, it } from "vitest";
import {
  channelForMessage,
  isCallCapableChannel,
  needsConversationInboxes,
  phoneChannelOf,
  type ClassifiedMessage,
  type PhoneChannel,
} from "@/lib/front/channels";
import { eventInboxIds } from "@/lib/pipeline/message-channel";
import type { FrontConversation, FrontMessage } from "@/lib/front/types";
import { decideEligibility, eligibilityChecks } from "@/lib/pipeline/eligibility";

describe("channel mapping", () => {
  it.each([
    ["call", "voice"],
    ["phone-call", "voice"],
    ["custom", "web"],
    ["email", "email"],
    ["sms", "sms"],
    ["whatsapp", "whatsapp"],
    ["yalo_wha", "whatsapp"],
    ["front_chat", "web"],
    ["intercom", "web"],
    ["smooch", "web"],
    ["facebook", "web"],
    ["a_type_front_adds_next_year", "web"],
    [null, "web"],
  ] as const)("%s → %s when no phone channel is picked", (type, channel) => {
    expect(channelForMessage({ type }, { phoneChannels: [] })).toBe(channel);
  });
});

describe("a custom message is a call only by its channel", () => {
  const phone: PhoneChannel = {
    id: "cha_call1",
    name: "Phone calls",
    address: "voice:+18005550199",
    inboxId: "inb_phone1",
  };
  const custom = (to: string | null): ClassifiedMessage => ({
    type: "custom",
    recipients: [{ handle: "+14155550142", role: "from" }, ...(to ? [{ handle: to, role: "to" }] : [])],
  });

  it("call metadata never decides: duration and have_been_answered on a custom message from elsewhere are web chat", () => {
    const message = { ...custom("chat@acme.example"), metadata: { duration: 40, have_been_answered: false } };
    expect(channelForMessage(message, { phoneChannels: [] })).toBe("web");
    expect(channelForMessage(message, { phoneChannels: [phone], inboxIds: ["inb_chat1"] })).toBe("web");
  });

  it("is voice when its `to` is a phone channel's address (written another way too)", () => {
    expect(channelForMessage(custom("voice:+18005550199"), { phoneChannels: [phone] })).toBe("voice");
    const numbered: PhoneChannel = { id: "cha_call2", address: "+1 (800) 555-0111" };
    expect(channelForMessage(custom("+18005550111"), { phoneChannels: [numbered] })).toBe("voice");
    expect(phoneChannelOf(custom("+18005550111"), { phoneChannels: [phone, numbered] })).toBe(numbered);
  });

  it("is voice when it came into a phone channel's inbox", () => {
    expect(channelForMessage(custom(null), { phoneChannels: [phone], inboxIds: ["inb_other", "inb_phone1"] })).toBe(
      "voice",
    );
    expect(
      channelForMessage(custom("someone@else.example"), { phoneChannels: [phone], inboxIds: ["inb_phone1"] }),
    ).toBe("voice");
    expect(channelForMessage(custom(null), { phoneChannels: [phone], inboxIds: ["inb_chat1"] })).toBe("web");
  });

  it("a phone channel never turns other types into calls, nor calls into anything else", () => {
    const origin = { phoneChannels: [phone], inboxIds: ["inb_phone1"] };
    expect(channelForMessage({ type: "sms", recipients: [{ handle: "voice:+18005550199", role: "to" }] }, origin)).toBe(
      "sms",
    );
    expect(channelForMessage({ type: "front_chat" }, origin)).toBe("web");
    expect(channelForMessage({ type: "call" }, { phoneChannels: [] })).toBe("voice");
  });

  it("asks for the conversation's inboxes only when nothing else can tell", () => {
    expect(needsConversationInboxes(custom(null), { phoneChannels: [phone] })).toBe(true);
    // The `to` already says, the event named its inbox, no channel is picked, no inbox is known, or it is not custom.
    expect(needsConversationInboxes(custom("voice:+18005550199"), { phoneChannels: [phone] })).toBe(false);
    expect(needsConversationInboxes(custom(null), { phoneChannels: [phone], inboxIds: ["inb_chat1"] })).toBe(false);
    expect(needsConversationInboxes(custom(null), { phoneChannels: [] })).toBe(false);
    expect(needsConversationInboxes(custom(null), { phoneChannels: [{ id: "cha_x", address: "voice:1" }] })).toBe(
      false,
    );
    expect(needsConversationInboxes({ type: "email" }, { phoneChannels: [phone] })).toBe(false);
  });

  it("offers channels that can carry calls", () => {
    expect(
      ["custom", "truly", "talkdesk", "twilio", "smtp", "front_chat", null].filter((type) =>
        isCallCapableChannel({ type }),
      ),
    ).toEqual(["custom", "truly", "talkdesk"]);
  });
});

describe("the inboxes an event names", () => {
  it("reads the full form's list, the preview's id, and nothing from other sources", () => {
    expect(
      eventInboxIds({
        id: "evt_1",
        type: "inbound",
        source: { _meta: { type: "inboxes" }, data: [{ id: "inb_a" }, { id: "inb_b" }, {}] },
      }),
    ).toEqual(["inb_a", "inb_b"]);
    expect(
      eventInboxIds({
        id: "evt_2",
        type: "inbound",
        source: { _meta: { type: "inboxes" }, _links: { self: "https://x/inboxes/inb_a" }, id: "inb_a" },
      }),
    ).toEqual(["inb_a"]);
    expect(
      eventInboxIds({ id: "evt_3", type: "assign", source: { _meta: { type: "teammate" }, data: { id: "tea_1" } } }),
    ).toBeNull();
    expect(eventInboxIds(null)).toBeNull();
  });
});

const ai = { id: "tea_ai01", first_name: "Frontline", last_name: "AI" };
const dana = { id: "tea_rep7", first_name: "Dana", last_name: "Reyes" };
const customerMessage: FrontMessage = { id: "msg_1", type: "call", is_inbound: true, author: null };
const teammateMessage: FrontMessage = { id: "msg_2", type: "sms", is_inbound: false, author: dana };

describe("eligibility", () => {
  const allChannels = { voice: true, email: true, sms: true, whatsapp: true, web: true };
  const cases: {
    name: string;
    message: FrontMessage;
    assignee: typeof ai | null;
    handleUnassigned: boolean;
    aiTeammateId?: string;
    enabled?: boolean;
    voiceOn?: boolean;
    expected: string | true;
  }[] = [
    {
      name: "customer, assigned to the AI",
      message: customerMessage,
      assignee: ai,
      handleUnassigned: false,
      expected: true,
    },
    {
      name: "customer, unassigned, option on",
      message: customerMessage,
      assignee: null,
      handleUnassigned: true,
      expected: true,
    },
    {
      name: "customer, unassigned, option off",
      message: customerMessage,
      assignee: null,
      handleUnassigned: false,
      expected: "unassigned",
    },
    {
      name: "customer, assigned to a person",
      message: customerMessage,
      assignee: dana,
      handleUnassigned: true,
      expected: "assigned to Dana Reyes",
    },
    {
      name: "teammate's message on the AI's conversation",
      message: teammateMessage,
      assignee: ai,
      handleUnassigned: true,
      expected: "written by Dana Reyes",
    },
    {
      name: "outbound without author",
      message: { ...customerMessage, is_inbound: false },
      assignee: ai,
      handleUnassigned: true,
      expected: "written by a teammate",
    },
    {
      name: "no AI teammate configured",
      message: customerMessage,
      assignee: ai,
      handleUnassigned: true,
      aiTeammateId: "",
      expected: "no AI teammate",
    },
    {
      name: "master switch off",
      message: customerMessage,
      assignee: ai,
      handleUnassigned: true,
      enabled: false,
      expected: "master switch is off",
    },
    {
      name: "voice channel off",
      message: customerMessage,
      assignee: ai,
      handleUnassigned: true,
      voiceOn: false,
      expected: "Phone channel is switched off",
    },
    {
      name: "master switch off wins over everything after it",
      message: teammateMessage,
      assignee: dana,
      handleUnassigned: false,
      enabled: false,
      expected: "master switch",
    },
  ];

  it.each(cases)("$name", ({ message, assignee, handleUnassigned, aiTeammateId, enabled, voiceOn, expected }) => {
    const conversation: FrontConversation = { id: "cnv_1", status: assignee ? "assigned" : "unassigned", assignee };
    const settings = {
      aiTeammateId: aiTeammateId ?? "tea_ai01",
      handleUnassigned,
      enabled: enabled ?? true,
      channels: { ...allChannels, voice: voiceOn ?? true },
    };
    const result = decideEligibility(message, conversation, "voice", settings);
    if (expected === true) expect(result).toEqual({ eligible: true });
    else {
      expect(result.eligible).toBe(false);
      expect(result.eligible === false && result.reason).toContain(expected);
    }
  });

  it("never answers a conversation in Front's trash, even one assigned to the AI", () => {
    const trashed: FrontConversation = { id: "cnv_1", status: "deleted", assignee: ai };
    const settings = { aiTeammateId: "tea_ai01", handleUnassigned: true, enabled: true, channels: allChannels };
    expect(decideEligibility(customerMessage, trashed, "voice", settings)).toEqual({
      eligible: false,
      reason: "the conversation is in Front's trash",
      check: "not_in_trash",
    });
  });

  it("lists every check in the troubleshooting order", () => {
    const conversation: FrontConversation = { id: "cnv_1", status: "assigned", assignee: ai };
    const checks = eligibilityChecks(customerMessage, conversation, "email", {
      aiTeammateId: "tea_ai01",
      handleUnassigned: false,
      enabled: true,
      channels: allChannels,
    });
    expect(checks.map((check) => check.id)).toEqual([
      "master_switch",
      "not_in_trash",
      "channel_switch",
      "assignment",
      "unassigned_switch",
      "customer_author",
    ]);
    expect(checks.every((check) => check.passed)).toBe(true);
  });
});
