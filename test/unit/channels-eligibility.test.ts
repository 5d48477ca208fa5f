import { describe, expect, it } from "vitest";
import { channelForMessage } from "@/lib/front/channels";
import type { FrontConversation, FrontMessage } from "@/lib/front/types";
import { decideEligibility, eligibilityChecks } from "@/lib/pipeline/eligibility";

describe("channel mapping", () => {
  it.each([
    ["call", undefined, "voice"],
    ["phone-call", undefined, "voice"],
    ["custom", { duration: 40, have_been_answered: false }, "voice"],
    ["custom", {}, "web"],
    ["email", undefined, "email"],
    ["sms", undefined, "sms"],
    ["whatsapp", undefined, "whatsapp"],
    ["yalo_wha", undefined, "whatsapp"],
    ["front_chat", undefined, "web"],
    ["intercom", undefined, "web"],
    ["smooch", undefined, "web"],
    ["facebook", undefined, "web"],
    ["a_type_front_adds_next_year", undefined, "web"],
    [null, undefined, "web"],
  ] as const)("%s %j → %s", (type, metadata, channel) => {
    expect(channelForMessage(type, metadata)).toBe(channel);
  });
});

const ai = { id: "tea_ai01", first_name: "Frontline", last_name: "AI" };
const dana = { id: "tea_rep7", first_name: "Dana", last_name: "Reyes" };
const customerMessage: FrontMessage = { id: "msg_1", type: "call", is_inbound: true, author: null };
const teammateMessage: FrontMessage = { id: "msg_2", type: "sms", is_inbound: false, author: dana };

describe("eligibility", () => {
  const allChannels = { voice: true, email: true, sms: true, whatsapp: true, web: true };
  const cases: { name: string; message: FrontMessage; assignee: typeof ai | null; handleUnassigned: boolean; aiTeammateId?: string; enabled?: boolean; voiceOn?: boolean; expected: string | true }[] = [
    { name: "customer, assigned to the AI", message: customerMessage, assignee: ai, handleUnassigned: false, expected: true },
    { name: "customer, unassigned, option on", message: customerMessage, assignee: null, handleUnassigned: true, expected: true },
    { name: "customer, unassigned, option off", message: customerMessage, assignee: null, handleUnassigned: false, expected: "unassigned" },
    { name: "customer, assigned to a person", message: customerMessage, assignee: dana, handleUnassigned: true, expected: "assigned to Dana Reyes" },
    { name: "teammate's message on the AI's conversation", message: teammateMessage, assignee: ai, handleUnassigned: true, expected: "written by Dana Reyes" },
    { name: "outbound without author", message: { ...customerMessage, is_inbound: false }, assignee: ai, handleUnassigned: true, expected: "written by a teammate" },
    { name: "no AI teammate configured", message: customerMessage, assignee: ai, handleUnassigned: true, aiTeammateId: "", expected: "no AI teammate" },
    { name: "master switch off", message: customerMessage, assignee: ai, handleUnassigned: true, enabled: false, expected: "master switch is off" },
    { name: "voice channel off", message: customerMessage, assignee: ai, handleUnassigned: true, voiceOn: false, expected: "Phone channel is switched off" },
    { name: "master switch off wins over everything after it", message: teammateMessage, assignee: dana, handleUnassigned: false, enabled: false, expected: "master switch" },
  ];

  it.each(cases)("$name", ({ message, assignee, handleUnassigned, aiTeammateId, enabled, voiceOn, expected }) => {
    const conversation: FrontConversation = { id: "cnv_1", status: assignee ? "assigned" : "unassigned", assignee };
    const settings = { aiTeammateId: aiTeammateId ?? "tea_ai01", handleUnassigned, enabled: enabled ?? true, channels: { ...allChannels, voice: voiceOn ?? true } };
    const result = decideEligibility(message, conversation, "voice", settings);
    if (expected === true) expect(result).toEqual({ eligible: true });
    else {
      expect(result.eligible).toBe(false);
      expect(result.eligible === false && result.reason).toContain(expected);
    }
  });

  it("lists every check in the troubleshooting order", () => {
    const conversation: FrontConversation = { id: "cnv_1", status: "assigned", assignee: ai };
    const checks = eligibilityChecks(customerMessage, conversation, "email", { aiTeammateId: "tea_ai01", handleUnassigned: false, enabled: true, channels: allChannels });
    expect(checks.map((check) => check.id)).toEqual(["master_switch", "channel_switch", "assignment", "unassigned_switch", "customer_author"]);
    expect(checks.every((check) => check.passed)).toBe(true);
  });
});
