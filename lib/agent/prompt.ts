import type { ModelMessage } from "ai";
import { CHANNEL_LABELS, type Channel } from "../front/channels";

export interface ConversationContext {
  channel: Channel;
  contactHandle?: string | null;
  subject?: string | null;
  /** For calls: how long, whether anyone answered. */
  call?: { durationSeconds?: number; answered?: boolean } | null;
}

const BASE_INSTRUCTIONS = `You are Frontline, the AI teammate of a customer support team, working inside Front.
For every customer message:
1. Think about what the customer needs and how they feel.
2. If they ask for a person, or are angry or very frustrated, call handoff_to_human with reason user_requested_human_assistance (or based_on_instructions for anger), a short summary for the teammate, and their sentiment.
3. Otherwise call search_knowledge_base with their question, and answer only from the articles it returns: short, friendly, and naming the article you used.
4. If no article answers the question, call handoff_to_human with reason insufficient_knowledge.
Never invent policies, prices, refunds or promises. Phone calls reach you as text (a transcript, a voicemail or call notes); your reply is sent to the customer in writing.`;

export interface TeamGuidance {
  /** The team's voice and policies, as an admin wrote them. */
  instructions?: string;
  /** Subjects that always go to a person. */
  handoffTopics?: string[];
}

/** The heading the offline model looks for to find the handoff topics. */
export const HANDOFF_TOPICS_HEADING = "Handoff topics";

/** The system prompt: Frontline's rules, the team's instructions and handoff topics, then this conversation. */
export function buildSystemPrompt(context: ConversationContext, guidance: TeamGuidance = {}): string {
  const lines = [
    `Channel: ${context.channel} (${CHANNEL_LABELS[context.channel]}${context.channel === "voice" ? " call" : ""}).`,
  ];
  if (context.contactHandle) lines.push(`Contact: ${context.contactHandle}.`);
  if (context.subject) lines.push(`Subject: ${context.subject}.`);
  if (context.call) {
    const parts = [];
    if (context.call.durationSeconds !== undefined) parts.push(`${context.call.durationSeconds}s long`);
    if (context.call.answered !== undefined) parts.push(context.call.answered ? "answered" : "missed (voicemail)");
    if (parts.length > 0) lines.push(`Call: ${parts.join(", ")}.`);
  }
  // The conversation's facts come before the team's text, so a reader of "Channel:" finds Frontline's line first.
  const sections = [BASE_INSTRUCTIONS, lines.join(" ")];
  const instructions = guidance.instructions?.trim();
  if (instructions)
    sections.push(
      `## The team's instructions\nFollow these unless they conflict with the rules above.\n${instructions}`,
    );
  const topics = (guidance.handoffTopics ?? []).map((topic) => topic.trim()).filter(Boolean);
  if (topics.length > 0) {
    sections.push(
      `## ${HANDOFF_TOPICS_HEADING}\nWhen the customer's message is about any of these subjects, do not answer it: call handoff_to_human with reason prohibited_topic.\n${topics.map((topic) => `- ${topic}`).join("\n")}`,
    );
  }
  return sections.join("\n\n");
}

export interface HistoryMessage {
  authorType: string;
  authorName?: string | null;
  /** For the AI's own answers: reply, or draft / comment when it was left for a teammate instead of sent. */
  messageType?: string;
  text: string;
}

/** AI answers the customer never received: the model must not believe it already told them. */
const UNSENT_ANSWER_NOTES: Record<string, string> = {
  draft: "[Left as a draft for a teammate; not sent to the customer]: ",
  comment: "[Left as an internal comment for a teammate; not sent to the customer]: ",
};

/** Earlier turns and the current one, oldest first; the last user message is the turn to answer. */
export function buildMessages(history: HistoryMessage[]): ModelMessage[] {
  return history.map((message): ModelMessage => {
    if (message.authorType === "customer") return { role: "user", content: message.text };
    const speaker =
      message.authorType === "ai"
        ? (UNSENT_ANSWER_NOTES[message.messageType ?? ""] ?? "")
        : `[${message.authorName ?? "Teammate"}, a human teammate]: `;
    return { role: "assistant", content: `${speaker}${message.text}` };
  });
}
