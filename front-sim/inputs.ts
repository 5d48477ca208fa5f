import { z } from "zod";

// Runtime checks for simulator controls; the same schemas guard the programmatic API and /_sim bodies.

const teammateId = z.string().min(1);

export const placeCallSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1).optional(),
    text: z.string(),
    messageType: z.enum(["call", "phone-call", "custom"]).optional(),
    durationSeconds: z.number().int().nonnegative().optional(),
    answered: z.boolean().optional(),
    assigneeId: teammateId.nullable().optional(),
    subject: z.string().optional(),
    conversationId: z.string().min(1).optional(),
    fromName: z.string().nullable().optional(),
  })
  .strict();

export const sendMessageSchema = z
  .object({
    channel: z.string().min(1).optional(),
    messageType: z.string().min(1).optional(),
    from: z.string().min(1),
    fromName: z.string().nullable().optional(),
    to: z.string().min(1).optional(),
    text: z.string(),
    subject: z.string().optional(),
    html: z.string().optional(),
    assigneeId: teammateId.nullable().optional(),
    conversationId: z.string().min(1).optional(),
    attachments: z
      .array(
        z
          .object({
            filename: z.string().min(1),
            contentType: z.string().min(1).optional(),
            size: z.number().int().nonnegative().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

/** A transcript line as Front's Channel API takes it (TranscriptLine in channel-api.json: every field required). */
export const transcriptLineSchema = z
  .object({
    speaker_name: z.string(),
    content: z.string(),
    start_time_seconds: z.number(),
    speaker_type: z.enum(["internal", "external"]),
  })
  .strict();

export const callTranscriptSchema = z
  .object({
    messageId: z.string().min(1),
    text: z.string().min(1),
    voicemail: z.boolean().optional(),
    // The Channel API's AddCallTranscript requires at least one line.
    lines: z.array(transcriptLineSchema).min(1).optional(),
  })
  .strict();

export const deleteConversationSchema = z
  .object({
    conversationId: z.string().min(1),
    trash: z.boolean().optional(),
    by: teammateId.optional(),
  })
  .strict();

export const teammateReplySchema = z
  .object({
    conversationId: z.string().min(1),
    teammateId: teammateId.optional(),
    text: z.string().min(1),
    html: z.string().optional(),
    /**
     * The event Front sends: `out_reply` for a reply in the thread (the default, as Front does for a teammate's
     * reply), `outbound` for a new outbound message a teammate starts in the conversation.
     */
    event: z.enum(["out_reply", "outbound"]).optional(),
  })
  .strict();

export const archiveSchema = z
  .object({ conversationId: z.string().min(1), teammateId: teammateId.optional() })
  .strict();

export const assignSchema = z
  .object({
    conversationId: z.string().min(1),
    teammateId: teammateId.nullable(),
    /** The teammate who made the change; a rule when omitted. */
    by: teammateId.optional(),
  })
  .strict();

export const mergeSchema = z
  .object({ sourceId: z.string().min(1), targetId: z.string().min(1), by: teammateId.optional() })
  .strict();

const sendingFailureKind = z.enum(["sending_error", "message_bounce_error"]);

export const sendingErrorSchema = z
  .object({ messageId: z.string().min(1), kind: sendingFailureKind.optional() })
  .strict();

export const failNextReplySchema = z
  .object({ conversationId: z.string().min(1).optional(), kind: sendingFailureKind.optional() })
  .strict();

export const deliverEventSchema = z
  .object({
    event: z.union([z.string(), z.record(z.string(), z.unknown())]),
    kind: z.enum(["application", "rule"]).optional(),
    preview: z.boolean().optional(),
    signature: z.enum(["valid", "wrong-secret", "tampered", "missing"]).optional(),
    timestampMs: z.number().optional(),
    envelopeType: z.string().optional(),
  })
  .strict();

export const redeliverSchema = z.object({ eventId: z.string().min(1) }).strict();

export const configSchema = z
  .object({
    webhookUrl: z.url().nullable().optional(),
    webhookKind: z.enum(["application", "rule"]).optional(),
    rulePreview: z.boolean().optional(),
    /** null: every scope again. */
    tokenScopes: z.array(z.string().min(1)).nullable().optional(),
  })
  .strict();
