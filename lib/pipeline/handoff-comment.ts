import type { HandoffInput } from "../agent/outcome";

const REASON_LABELS: Record<string, string> = {
  user_requested_human_assistance: "The customer asked for a person",
  insufficient_knowledge: "The knowledge base does not answer this",
  insufficient_tools: "The AI has no tool to do what is needed",
  prohibited_topic: "A topic the AI must not handle",
  instructions_not_clear: "The instructions do not cover this",
  based_on_instructions: "The team's instructions send this to a person",
  error: "The AI could not finish",
};

export function handoffReasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? reason;
}

/** The internal comment a teammate reads in Front before picking the conversation up (Markdown). */
export function handoffCommentBody(handoff: HandoffInput, sessionUrl: string): string {
  const sentiment = handoff.sentiment.charAt(0).toUpperCase() + handoff.sentiment.slice(1);
  return [
    "**Frontline AI handed this conversation to the team.**",
    "",
    `**Summary:** ${handoff.summary}`,
    `**Sentiment:** ${sentiment}`,
    `**Reason:** ${handoffReasonLabel(handoff.reason)} (\`${handoff.reason}\`)`,
    "",
    `[Open the session in Frontline](${sessionUrl})`,
  ].join("\n");
}

/** The internal comment that carries an answer when the channel's delivery mode is "comment" (Markdown). */
export function suggestedReplyCommentBody(text: string, sessionUrl: string): string {
  return [
    "**Suggested reply from Frontline AI:**",
    "",
    text,
    "",
    `[Open the session in Frontline](${sessionUrl})`,
  ].join("\n");
}

/**
 * The note a call's answer becomes when the caller cannot be texted back: what to tell them, where it came from,
 * and the number to call (Markdown).
 */
export function callbackNoteBody(
  text: string,
  callback: { to: string | null; article: string | null },
  sessionUrl: string,
): string {
  return [
    `**Frontline AI suggests this answer for the callback${callback.to ? ` to ${callback.to}` : ""}:**`,
    "",
    text,
    "",
    ...(callback.article ? [`**From the article:** ${callback.article}`] : []),
    `[Open the session in Frontline](${sessionUrl})`,
  ].join("\n");
}

/** The internal comment that keeps an answer Front refused to take as a reply or a draft (Markdown). */
export function undeliveredAnswerCommentBody(meant: "reply" | "draft", error: string, text: string): string {
  const what = meant === "reply" ? "send this reply" : "leave this answer as a draft";
  return `**Frontline AI could not ${what}** (${error}):\n\n${text}`;
}

/** Plain text as a minimal HTML body for Front replies. */
export function textToHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
