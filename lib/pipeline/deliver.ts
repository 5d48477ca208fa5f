import { z } from "zod";
import {
  getOrCreateHandoff,
  listToolOutputs,
  markRunDelivered,
  recordDeliveryIntent,
  recordHandoffProgress,
} from "../db/queries/agent-runs";
import { getHandoffForRun } from "../db/queries/handoffs";
import { addSessionMessage, listSessionMessages, updateSession } from "../db/queries/sessions";
import type { AgentRun, DeliveryIntent, Handoff, Session } from "../db/schema";
import { isFrontApiError, type FrontApiError } from "../front/errors";
import { DELIVERY_MODES, type DeliveryMode, type TextBackChannel } from "../settings/ai-settings";
import type { FrontSettings } from "../settings/front-settings";
import { findFrontWrite } from "./front-writes";
import { deliveredAsText, routeAnswer } from "./answer-route";
import {
  callbackNoteBody,
  handoffCommentBody,
  suggestedReplyCommentBody,
  textToHtml,
  undeliveredAnswerCommentBody,
} from "./handoff-comment";
import type { PipelineContext } from "./context";

export interface DeliveryInput {
  run: AgentRun;
  session: Session;
  conversationId: string;
  settings: FrontSettings;
  /** How an answer reaches the customer on this channel (Settings → AI); a handoff is always a comment. */
  deliveryMode?: DeliveryMode;
  /** The SMS channel callers are texted back from (Settings → AI). */
  textBackChannel?: TextBackChannel;
  /** Our address the customer wrote to: picks the channel a draft is left on. */
  channelAddress?: string | null;
}

export function sessionUrl(appUrl: string, sessionId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/inbox/${sessionId}`;
}

/** What became of a run's outcome in Front. */
export type DeliveryResult =
  "replied" | "reply_refused" | "drafted" | "draft_refused" | "commented" | "callback_note" | "handed_off";

/** Session status reasons for answers a teammate still has to send. */
export const DRAFTED_REASON = "Answer left as a shared draft for a teammate to send";
export const COMMENTED_REASON = "Answer posted as an internal comment for a teammate to send";
export const CALLBACK_REASON = "Answer suggested in a note for the callback";

/**
 * Sends a finished run's outcome to Front. Each Front call is recorded as soon as it succeeds, so a retry after
 * a failure repeats only what is missing. A reply, draft or comment is never posted twice: its intent is saved
 * before it is sent, and a retry that finds an intent without a result looks for the write in Front first.
 */
export async function deliverOutcome(ctx: PipelineContext, input: DeliveryInput): Promise<DeliveryResult> {
  if (input.run.deliveryStatus === "delivered") return input.run.outcome === "reply" ? "replied" : "handed_off";
  const deliver = input.run.outcome === "reply" ? deliverAnswer : deliverHandoff;
  try {
    return await deliver(ctx, input);
  } catch (error) {
    if (!(isFrontApiError(error) && (error.status === 301 || error.status === 302))) throw error;
    // The conversation was merged: write to the one it was merged into. Steps already done are not repeated.
    const { conversation } = await ctx.front.getConversation(input.conversationId);
    return deliver(ctx, { ...input, conversationId: conversation.id });
  }
}

/**
 * Front refused the request itself: a 4xx such as a channel that cannot send. Not a 429 (retried), a 404 (the
 * conversation is gone) or a 301 (merged): those are handled by the callers, and a comment would fail the same way.
 */
function isRefusal(error: unknown): error is FrontApiError {
  return (
    isFrontApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 404 && !error.retryable
  );
}

/**
 * Where an answer went in Front, kept in the metadata of the AI's session message. That message is written as
 * soon as Front has taken the reply, draft or comment: it is both what the conversation view shows and the
 * record a retried job reads to know the write is done.
 */
const postedAnswerSchema = z.object({
  runId: z.string(),
  // Replies recorded before delivery modes existed carry no mode.
  deliveryMode: z.enum(DELIVERY_MODES).default("reply"),
  messageUid: z.string().nullish(),
  frontDraftId: z.string().nullish(),
  frontCommentId: z.string().nullish(),
  /** The answer was meant as this, Front refused it, and it was posted as an internal comment instead. */
  refused: z.enum(["reply", "draft"]).optional(),
  error: z.string().optional(),
  /** A call's answer left as a note for whoever calls the customer back. */
  callback: z.boolean().optional(),
  /** What happened, in the session page's words: "Texted back from +1… to +1…", "Note left for the callback". */
  deliveredAs: z.string().nullish(),
});
type PostedAnswer = z.infer<typeof postedAnswerSchema>;

async function findPostedAnswer(ctx: PipelineContext, sessionId: string, runId: string): Promise<PostedAnswer | null> {
  for (const message of await listSessionMessages(ctx.db, sessionId)) {
    if (message.authorType !== "ai" || message.metadata?.runId !== runId) continue;
    const parsed = postedAnswerSchema.safeParse(message.metadata);
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** Session message types for the AI's answers, by where they went. */
const MESSAGE_TYPES: Record<DeliveryMode, string> = { reply: "reply", draft: "draft", comment: "comment" };

async function recordPostedAnswer(
  ctx: PipelineContext,
  session: Session,
  text: string,
  posted: PostedAnswer,
): Promise<PostedAnswer> {
  await addSessionMessage(ctx.db, {
    sessionId: session.id,
    frontMessageId: null,
    direction: "outbound",
    authorType: "ai",
    authorName: "Frontline AI",
    messageType: MESSAGE_TYPES[posted.deliveryMode],
    text,
    metadata: posted,
  });
  return posted;
}

/** Writes the answer to Front as its route says; a refused reply or draft becomes an internal comment. */
async function postAnswer(ctx: PipelineContext, input: DeliveryInput, mode: DeliveryMode): Promise<PostedAnswer> {
  const { run, session, conversationId, settings } = input;
  const text = run.replyText ?? "";
  const authorId = settings.aiTeammateId;
  const intend = async (intent: Omit<DeliveryIntent, "at">) => {
    await ctx.beforeFrontWrite?.();
    await recordDeliveryIntent(ctx.db, run.id, { ...intent, at: new Date().toISOString() });
  };
  const route = await routeAnswer(ctx.front, {
    channel: session.channel,
    mode,
    conversationId,
    contactHandle: session.contactHandle,
    channelAddress: input.channelAddress,
    textBackChannel: input.textBackChannel,
  });
  const posted = { runId: run.id, deliveredAs: deliveredAsText(route) };
  try {
    if (route.mode === "reply") {
      const body = textToHtml(text);
      await intend({ mode: "reply", body, channelId: route.channelId, to: route.to, deliveredAs: posted.deliveredAs });
      const accepted = await ctx.front.sendReply(conversationId, {
        body,
        authorId,
        archive: false,
        channelId: route.channelId,
        to: route.to,
      });
      return recordPostedAnswer(ctx, session, text, {
        ...posted,
        deliveryMode: "reply",
        messageUid: accepted.message_uid ?? null,
      });
    }
    if (route.mode === "draft") {
      const body = textToHtml(text);
      await intend({ mode: "draft", body, channelId: route.channelId, to: route.to, deliveredAs: posted.deliveredAs });
      const draft = await ctx.front.createDraft(conversationId, {
        body,
        authorId,
        mode: "shared",
        channelId: route.channelId,
        to: route.to,
      });
      return recordPostedAnswer(ctx, session, text, { ...posted, deliveryMode: "draft", frontDraftId: draft.id });
    }
    const url = sessionUrl(ctx.appUrl, session.id);
    const body = route.callback
      ? callbackNoteBody(text, { to: route.callback.to, article: await sourceArticle(ctx, run) }, url)
      : suggestedReplyCommentBody(text, url);
    await intend({
      mode: "comment",
      body,
      callback: route.callback ? true : undefined,
      deliveredAs: posted.deliveredAs,
    });
    const comment = await ctx.front.postComment(conversationId, body, authorId);
    return recordPostedAnswer(ctx, session, text, {
      ...posted,
      deliveryMode: "comment",
      frontCommentId: comment.id,
      callback: route.callback ? true : undefined,
    });
  } catch (error) {
    if (route.mode === "comment" || !isRefusal(error)) throw error;
    // Never lost: the answer is kept as an internal comment for a person to send, and the session is flagged.
    const body = undeliveredAnswerCommentBody(route.mode, error.message, text);
    await intend({ mode: "comment", body, refused: route.mode, error: error.message });
    const comment = await ctx.front.postComment(conversationId, body, authorId);
    return recordPostedAnswer(ctx, session, text, {
      runId: run.id,
      deliveryMode: "comment",
      frontCommentId: comment.id,
      refused: route.mode,
      error: error.message,
    });
  }
}

/** The knowledge article the answer came from: the one the answer names, else the first one the AI read. */
async function sourceArticle(ctx: PipelineContext, run: AgentRun): Promise<string | null> {
  const titles = (await listToolOutputs(ctx.db, run.id, "search_knowledge_base")).flatMap((output) => {
    const results = (output as { results?: Array<{ title?: unknown }> } | null)?.results;
    return Array.isArray(results)
      ? results.map((result) => result.title).filter((title): title is string => typeof title === "string")
      : [];
  });
  const answer = (run.replyText ?? "").toLowerCase();
  return titles.find((title) => answer.includes(title.toLowerCase())) ?? titles[0] ?? null;
}

/**
 * An earlier attempt saved an intent but not its result (it died, or Front's answer never came back): if Front
 * has the write, it is recorded now as if the answer had arrived, and nothing is posted again.
 */
async function findUnrecordedAnswer(
  ctx: PipelineContext,
  { run, session, conversationId, settings }: DeliveryInput,
): Promise<PostedAnswer | null> {
  const intent = run.deliveryIntent;
  if (!intent) return null;
  const found = await findFrontWrite(ctx.front, conversationId, {
    kind: intent.mode,
    body: intent.body,
    since: new Date(intent.at),
    authorId: settings.aiTeammateId,
  });
  if (!found) return null;
  const where =
    intent.mode === "draft"
      ? { frontDraftId: found.id }
      : intent.mode === "comment"
        ? { frontCommentId: found.id }
        : { messageUid: null };
  return recordPostedAnswer(ctx, session, run.replyText ?? "", {
    runId: run.id,
    deliveryMode: intent.mode,
    ...where,
    refused: intent.refused,
    error: intent.error,
    callback: intent.callback,
    deliveredAs: intent.deliveredAs,
  });
}

async function deliverAnswer(ctx: PipelineContext, input: DeliveryInput): Promise<DeliveryResult> {
  const { run, session, conversationId, settings } = input;
  // A retry finds what an earlier attempt already wrote, even if the channel's mode has changed since.
  const earlier = (await findPostedAnswer(ctx, session.id, run.id)) ?? (await findUnrecordedAnswer(ctx, input));
  const posted = earlier ?? (await postAnswer(ctx, input, input.deliveryMode ?? "reply"));

  if (posted.refused === "reply") {
    // The conversation stays with the AI teammate: the flag is what sends a lead to it.
    await markRunDelivered(ctx.db, run.id);
    await updateSession(ctx.db, session.id, {
      status: "failed",
      flag: "reply_not_delivered",
      statusReason: `Front refused the reply: ${posted.error}`,
      aiOutcome: "failed",
    });
    return "reply_refused";
  }
  if (posted.deliveryMode === "reply") {
    await markRunDelivered(ctx.db, run.id, posted.messageUid);
    await updateSession(ctx.db, session.id, {
      status: "answered",
      statusReason: null,
      flag: null,
      aiOutcome: "answered",
    });
    if (settings.archiveOnReply) await archiveIfStillOwned(ctx, conversationId, session, settings);
    return "replied";
  }

  // A draft or a comment waits for a teammate: unassigned, the conversation shows in the team's queue.
  await unassignFromAi(ctx, conversationId, settings, { retry: earlier !== null });
  await markRunDelivered(ctx.db, run.id);
  if (posted.refused === "draft") {
    await updateSession(ctx.db, session.id, {
      status: "failed",
      flag: "reply_not_delivered",
      statusReason: `Front refused the draft: ${posted.error}`,
      aiOutcome: "failed",
    });
    return "draft_refused";
  }
  const drafted = posted.deliveryMode === "draft";
  const reason = drafted ? DRAFTED_REASON : posted.callback ? CALLBACK_REASON : COMMENTED_REASON;
  await updateSession(ctx.db, session.id, {
    status: "handed_off",
    statusReason: reason,
    flag: null,
    aiOutcome: "answered",
  });
  return drafted ? "drafted" : posted.callback ? "callback_note" : "commented";
}

/**
 * Hands the conversation to the team's queue. A retry may find it unassigned already (the earlier attempt got that
 * far) and picked up by a teammate since: so on a retry it is unassigned only if the AI still owns it.
 */
async function unassignFromAi(
  ctx: PipelineContext,
  conversationId: string,
  settings: FrontSettings,
  { retry }: { retry: boolean },
): Promise<void> {
  if (retry) {
    const { conversation } = await ctx.front.getConversation(conversationId);
    if (conversation.assignee?.id !== settings.aiTeammateId) return;
  }
  await ctx.beforeFrontWrite?.();
  await ctx.front.setAssignee(conversationId, null);
}

/** The AI archives only conversations it still owns: a person may have taken it over meanwhile. */
async function archiveIfStillOwned(
  ctx: PipelineContext,
  conversationId: string,
  session: Session,
  settings: FrontSettings,
): Promise<void> {
  const { conversation } = await ctx.front.getConversation(conversationId);
  if (conversation.assignee?.id !== settings.aiTeammateId) return;
  await ctx.beforeFrontWrite?.();
  await ctx.front.updateConversation(conversationId, { status: "archived" });
  await updateSession(ctx.db, session.id, {
    status: "resolved",
    resolvedAt: new Date(),
    statusReason: "archived by the AI after answering",
  });
}

async function deliverHandoff(
  ctx: PipelineContext,
  { run, session, conversationId, settings }: DeliveryInput,
): Promise<DeliveryResult> {
  let handoff = await getHandoffForRun(ctx.db, run.id);
  if (!handoff) {
    // A run stored before its handoff row (a crash between the two) gets one now, as the error fallback.
    handoff = await getOrCreateHandoff(ctx.db, {
      sessionId: session.id,
      runId: run.id,
      reason: "error",
      summary: session.preview ?? "See the session.",
      sentiment: session.sentiment ?? "neutral",
    });
  }
  await sendHandoff(ctx, handoff, session.id, conversationId, settings);
  await markRunDelivered(ctx.db, run.id);
  await updateSession(ctx.db, session.id, {
    status: "handed_off",
    statusReason: null,
    flag: null,
    summary: handoff.summary,
    sentiment: handoff.sentiment,
    handoffReason: handoff.reason,
    aiOutcome: "handed_off",
  });
  return "handed_off";
}

/**
 * Front accepted one of the AI's replies and then could not send it (a `sending_error` event): the customer has not
 * been answered, so a person gets the conversation, with a handoff comment that carries the answer. The session
 * stays flagged.
 */
export async function handOffUndeliveredReply(
  ctx: PipelineContext,
  input: { session: Session; run: AgentRun; conversationId: string; settings: FrontSettings; error: string },
): Promise<void> {
  const run = input.run;
  const handoff = await getOrCreateHandoff(ctx.db, {
    sessionId: input.session.id,
    runId: run.id,
    reason: "error",
    summary: `Front could not send the AI's reply (${input.error}). The answer was: ${run.replyText ?? ""}`,
    sentiment: input.session.sentiment ?? "neutral",
  });
  // The reply kept the conversation with the AI, but a teammate may have taken it since: unassigned only if not.
  await sendHandoff(ctx, handoff, input.session.id, input.conversationId, input.settings, { ownerCheck: true });
  await updateSession(ctx.db, input.session.id, {
    status: "handed_off",
    flag: "reply_not_delivered",
    statusReason: `Front could not send the AI's reply (${input.error})`,
    summary: handoff.summary,
    handoffReason: handoff.reason,
    // The answer never reached the customer: the AI failed them, whatever the handoff that followed.
    aiOutcome: "failed",
  });
}

/** A handoff in Front: its comment once, then the unassign, each recorded as soon as it is done. */
async function sendHandoff(
  ctx: PipelineContext,
  handoff: Handoff,
  sessionId: string,
  conversationId: string,
  settings: FrontSettings,
  options: { ownerCheck?: boolean } = {},
): Promise<void> {
  // Whether an earlier attempt got as far as the comment: then it may have unassigned the conversation too.
  let retry = handoff.commentPostedAt !== null;
  if (!handoff.commentPostedAt) {
    // An earlier attempt may have posted the comment and died before recording it: look in Front first.
    const earlier =
      handoff.commentBody && handoff.commentSendingAt
        ? await findFrontWrite(ctx.front, conversationId, {
            kind: "comment",
            body: handoff.commentBody,
            since: handoff.commentSendingAt,
            authorId: settings.aiTeammateId,
          })
        : null;
    let commentId = earlier?.id;
    let body = handoff.commentBody;
    retry = earlier !== null;
    if (!commentId || !body) {
      body = handoffCommentBody(
        { reason: handoff.reason as never, summary: handoff.summary, sentiment: handoff.sentiment as never },
        sessionUrl(ctx.appUrl, sessionId),
      );
      await ctx.beforeFrontWrite?.();
      await recordHandoffProgress(ctx.db, handoff.id, { commentBody: body, commentSendingAt: new Date() });
      commentId = (await ctx.front.postComment(conversationId, body, settings.aiTeammateId)).id;
    }
    await recordHandoffProgress(ctx.db, handoff.id, {
      frontCommentId: commentId,
      commentBody: body,
      commentPostedAt: new Date(),
      error: null,
    });
  }
  if (!handoff.unassignedAt) {
    try {
      await unassignFromAi(ctx, conversationId, settings, { retry: retry || options.ownerCheck === true });
    } catch (error) {
      await recordHandoffProgress(ctx.db, handoff.id, {
        error: `unassign failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      throw error;
    }
    await recordHandoffProgress(ctx.db, handoff.id, { unassignedAt: new Date(), error: null });
  }
}
