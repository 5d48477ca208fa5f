/**
 * Frontline's vocabulary: every list of values a column, a filter, a report or the agent uses, once, with its type.
 * The schema types its text columns with these (`text(...).$type<Channel>()`), so a value from the database is
 * already one of them. This module imports nothing: the browser, the database layer and the agent all read it.
 */

/** How a customer reached the team. Front's `call` messages are `voice`, shown as "Phone". */
export const CHANNELS = ["voice", "email", "sms", "whatsapp", "web"] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return (CHANNELS as readonly unknown[]).includes(value);
}

/** Where a session's conversation is now (sessions.status), whatever the AI did. */
export const SESSION_STATUSES = ["ai_answering", "answered", "handed_off", "resolved", "skipped", "failed"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** What the AI last did on a session (sessions.ai_outcome), fixed when it acts and never rewritten by people. */
export const AI_OUTCOMES = ["answered", "handed_off", "failed", "skipped"] as const;
export type AiOutcome = (typeof AI_OUTCOMES)[number];
/** The outcomes where the AI acted: the denominator of the AI's rates. */
export const ACTED_OUTCOMES = ["answered", "handed_off", "failed"] as const satisfies readonly AiOutcome[];

/** The customer's mood as the AI reads it. */
export const SENTIMENTS = ["angry", "frustrated", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Why the AI handed a conversation to a person. */
export const HANDOFF_REASONS = [
  "user_requested_human_assistance",
  "insufficient_knowledge",
  "insufficient_tools",
  "prohibited_topic",
  "instructions_not_clear",
  "based_on_instructions",
  "error",
] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

/** Something a lead must act on (sessions.flag): a handoff comment posted but not unassigned; a reply that failed. */
export const ATTENTION_FLAGS = ["handoff_incomplete", "reply_not_delivered"] as const;
export type AttentionFlag = (typeof ATTENTION_FLAGS)[number];

/** What became of a webhook delivery (webhook_events.decision). */
export const EVENT_DECISIONS = [
  "queued",
  "processed",
  "duplicate",
  "skipped",
  "recorded",
  "failed",
  "rejected",
] as const;
export type EventDecision = (typeof EVENT_DECISIONS)[number];

/** How the AI's answer reaches the customer on a channel (Settings → AI → Delivery). */
export const DELIVERY_MODES = ["reply", "draft", "comment"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** One step of the AI's run (agent_steps.kind): its reasoning, its words, a tool it called. */
export const STEP_KINDS = ["reasoning", "text", "tool_call"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Who a signed-in person is to Frontline (users.role). admin: settings, re-runs, users; viewer: reads only. */
export const ROLES = ["admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];
