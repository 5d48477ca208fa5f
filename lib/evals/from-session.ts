import type { SessionDetail } from "../db/queries/sessions";
import { evalCaseSchema, type EvalCase } from "./case";

/**
 * A test case made from a stored session: the customer's words up to the AI's act, and the outcome a person's later
 * work says was right. A teammate's reply after a handoff says the handoff was right; a reopen, or a teammate having
 * to reply, after an AI answer says a person was needed; an answer nobody followed up stands as right. A session
 * the AI did not act on expects a handoff: a person had it in the end. The lead can edit every prefilled field.
 */
export function caseFromSession(detail: SessionDetail): EvalCase {
  const { session, messages } = detail;
  const actedAt = session.aiOutcomeAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const before = messages.filter((message) => message.sentAt.getTime() <= actedAt);
  const conversation = before.length > 0 ? before : messages;
  const lastCustomer = [...conversation].reverse().find((message) => message.authorType === "customer");
  const turn = lastCustomer ?? conversation.at(-1);
  const history = conversation
    .filter((message) => message !== turn && message.sentAt.getTime() <= (turn?.sentAt.getTime() ?? actedAt))
    .map((message) => ({ author: message.authorType === "customer" ? ("customer" as const) : message.authorType === "ai" ? ("ai" as const) : ("teammate" as const), text: message.text }))
    .filter((message) => message.text.trim());
  const { expect, note } = expectedFromFollowUp(detail);
  return evalCaseSchema.parse({
    id: `session-${session.ticketNumber}`,
    channel: session.channel,
    contact: session.contactHandle ?? undefined,
    subject: session.subject ?? undefined,
    history: history.slice(-50),
    input: (turn?.text ?? session.preview ?? "").trim() || "(no text)",
    expect,
    tags: [session.channel, "from-inbox"],
    note,
  });
}

function expectedFromFollowUp({ session }: SessionDetail): { expect: EvalCase["expect"]; note: string } {
  const reason = session.handoffReason as EvalCase["expect"]["reason"] | null;
  const ticket = `#${session.ticketNumber}`;
  switch (session.aiOutcome) {
    case "handed_off":
      return {
        expect: { outcome: "handoff", reason: reason ?? undefined, mustContain: [], mustNotContain: [] },
        note: session.humanRepliedAt ? `From ${ticket}: handed off, and a teammate replied: the handoff was right.` : `From ${ticket}: handed off; nobody has replied yet.`,
      };
    case "answered":
      if (session.reopenedAt || session.humanRepliedAt) {
        return {
          expect: { outcome: "handoff", mustContain: [], mustNotContain: [] },
          note: `From ${ticket}: the AI answered, then ${session.reopenedAt ? "the conversation was reopened" : "a teammate had to reply"}: the answer was wrong.`,
        };
      }
      return { expect: { outcome: "answer", mustContain: [], mustNotContain: [] }, note: `From ${ticket}: the AI answered and nobody followed up.` };
    default:
      return { expect: { outcome: "handoff", mustContain: [], mustNotContain: [] }, note: `From ${ticket}: the AI did not act (${session.aiOutcome ?? "no outcome"}); a person had it.` };
  }
}
