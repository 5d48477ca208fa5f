/**
 * What a stored message's metadata says beyond its text: call details, SMS segments, attachments, and what was
 * hidden from the model. The pipeline writes `callKind`, `durationSeconds`, `answered`, `smsSegments`,
 * `smsEncoding`, `attachments`, `quotedRemoved`, `signatureRemoved`; older messages have only Front's raw call
 * metadata, which `callInfo` reads. Pure, so it can be unit-tested.
 */

import { sizeLabel } from "@/lib/channels/attachments";
import { callInfo, type CallInfo, type CallMedium } from "@/components/format";

type MessageLike = { messageType: string; metadata?: Record<string, unknown> | null; text?: string | null };

const CALL_KIND_MEDIUM: Record<string, CallMedium | null> = {
  transcript: "transcript",
  voicemail: "voicemail",
  call_notes: "call notes",
  unknown: null,
};

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Call details, preferring what the pipeline recorded (`callKind`, `durationSeconds`, `answered`) and falling
 * back to Front's metadata and the text's first line for each part it did not record. Null for non-calls.
 */
export function messageCallInfo(message: MessageLike): CallInfo | null {
  const metadata = message.metadata ?? {};
  const legacy = callInfo(message);
  const kind = typeof metadata.callKind === "string" ? metadata.callKind : undefined;
  const durationSeconds = numberOr(metadata.durationSeconds);
  const answered = typeof metadata.answered === "boolean" ? metadata.answered : undefined;
  if (kind === undefined && durationSeconds === undefined && answered === undefined) return legacy;
  return {
    durationSeconds: durationSeconds ?? legacy?.durationSeconds,
    answered: answered ?? legacy?.answered,
    // "unknown" is the pipeline's answer (a placeholder, say): no medium rather than a guess.
    medium: kind !== undefined && kind in CALL_KIND_MEDIUM ? CALL_KIND_MEDIUM[kind] : (legacy?.medium ?? null),
  };
}

export interface SmsInfo {
  segments: number;
  encoding: string | null;
}

export function smsInfo(message: MessageLike): SmsInfo | null {
  const metadata = message.metadata ?? {};
  const segments = numberOr(metadata.smsSegments);
  if (segments === undefined) return null;
  return { segments, encoding: typeof metadata.smsEncoding === "string" ? metadata.smsEncoding : null };
}

/** "SMS · 1 segment", "SMS · 3 segments". */
export function smsLine(info: SmsInfo): string {
  return `SMS · ${info.segments} ${info.segments === 1 ? "segment" : "segments"}`;
}

export interface MessageAttachment {
  name: string;
  contentType: string;
  sizeLabel: string;
}

/** Attachments as stored: the size label is recomputed when the pipeline kept only the bytes. */
export function messageAttachments(message: MessageLike): MessageAttachment[] {
  const list = message.metadata?.attachments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (!item || typeof item !== "object") return [];
    const attachment = item as Record<string, unknown>;
    return [
      {
        name: typeof attachment.name === "string" && attachment.name.trim() ? attachment.name.trim() : "attachment",
        contentType:
          typeof attachment.contentType === "string" && attachment.contentType
            ? attachment.contentType
            : "unknown type",
        sizeLabel:
          typeof attachment.sizeLabel === "string" && attachment.sizeLabel
            ? attachment.sizeLabel
            : sizeLabel(numberOr(attachment.size)),
      },
    ];
  });
}

/** "name · type · size". */
export function attachmentLine(attachment: MessageAttachment): string {
  return [attachment.name, attachment.contentType, attachment.sizeLabel].join(" · ");
}

/** What the model did not read of an email, in words; null when nothing was removed. */
export function removedForModel(message: MessageLike): string | null {
  const metadata = message.metadata ?? {};
  const quoted = metadata.quotedRemoved === true;
  const signature = metadata.signatureRemoved === true;
  if (quoted && signature) return "The AI read this without the quoted history and the signature.";
  if (quoted) return "The AI read this without the quoted history.";
  if (signature) return "The AI read this without the signature.";
  return null;
}

/** What was redacted before the model read the message, e.g. "card number ending 4242, national id"; null when nothing. */
export function redactedForModel(message: MessageLike): string | null {
  const redactions = (message.metadata ?? {}).redactions;
  if (!Array.isArray(redactions) || redactions.length === 0) return null;
  const labels = redactions
    .map((redaction) =>
      typeof redaction === "object" && redaction && "placeholder" in redaction
        ? String(redaction.placeholder).replace(/^\[|\]$/g, "")
        : null,
    )
    .filter((label): label is string => Boolean(label));
  return labels.length ? `Redacted before the AI read it: ${labels.join(", ")}.` : null;
}
