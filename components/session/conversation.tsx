"use client";

import { useState } from "react";
import {
  Bot,
  ChevronDown,
  ChevronUp,
  MessageSquare,
  Paperclip,
  Phone,
  PhoneMissed,
  Scissors,
  Send,
  ShieldCheck,
  UserRound,
  Users,
} from "lucide-react";
import { callDetailsLine } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { LocalTime } from "@/components/ui/time";
import {
  attachmentLine,
  messageAttachments,
  messageCallInfo,
  redactedForModel,
  removedForModel,
  smsInfo,
  smsLine,
} from "./message-details";
import type { SessionMessageRecord } from "./types";
import { plural } from "@/lib/format/plural";

const AUTHOR_FALLBACK: Record<string, string> = { customer: "Customer", teammate: "Teammate", ai: "Frontline AI" };

/** AI answers left in Front for a teammate to send (Settings → AI delivery): never read as sent to the customer. */
const UNSENT_ANSWER_LABELS: Record<string, string> = { draft: "Draft for a teammate", comment: "Internal comment" };

/** A message longer than this (a call's transcript, a long email) starts folded to its opening lines. */
const LONG_MESSAGE_CHARS = 600;
const LONG_MESSAGE_LINES = 10;

export function isLongMessage(text: string): boolean {
  return text.length > LONG_MESSAGE_CHARS || lineCount(text) > LONG_MESSAGE_LINES;
}

function lineCount(text: string): number {
  return text.split("\n").length;
}

function MessageText({ text, onBrand }: { text: string; onBrand: boolean }) {
  const long = isLongMessage(text);
  const lines = lineCount(text);
  const [open, setOpen] = useState(false);
  const folded = long && !open;
  return (
    <>
      <p
        className={cn("break-words whitespace-pre-wrap", folded && "line-clamp-6")}
        data-testid="message-text"
        data-folded={long ? String(folded) : undefined}
      >
        {text}
      </p>
      {long ? (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((value) => !value)}
          data-testid="message-toggle"
          className={cn(
            "mt-1.5 inline-flex items-center gap-1 rounded text-xs font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
            onBrand ? "text-white" : "text-brand-700",
          )}
        >
          {open ? (
            <ChevronUp aria-hidden="true" className="size-3.5" />
          ) : (
            <ChevronDown aria-hidden="true" className="size-3.5" />
          )}
          {open ? "Show less" : `Show all ${lines > 1 ? `${lines} lines` : plural(text.length, "character")}`}
        </button>
      ) : null}
    </>
  );
}

function MessageBubble({ message }: { message: SessionMessageRecord }) {
  const fromCustomer = message.authorType === "customer";
  const metadata = message.metadata ?? {};
  const unsentLabel =
    message.authorType === "ai"
      ? metadata.callback === true
        ? "Note for the callback"
        : UNSENT_ANSWER_LABELS[message.messageType]
      : undefined;
  // Where the AI's answer went in Front, in plain words ("Texted back from +1… to +1…").
  const deliveredAs =
    message.authorType === "ai" && typeof metadata.deliveredAs === "string" ? metadata.deliveredAs : null;
  // Sent AI replies are solid; an answer the customer has not seen is drawn as a dashed outline.
  const sentByAi = message.authorType === "ai" && !unsentLabel;
  const call = messageCallInfo(message);
  const sms = call ? null : smsInfo(message);
  const attachments = messageAttachments(message);
  const removed = removedForModel(message);
  const redacted = redactedForModel(message);
  const author = message.authorName?.trim() || AUTHOR_FALLBACK[message.authorType] || "Unknown";
  const AuthorIcon = message.authorType === "ai" ? Bot : fromCustomer ? UserRound : Users;
  const CallIcon = call?.answered === false ? PhoneMissed : Phone;
  const detailTone = sentByAi ? "border-white/20 text-white/85" : "border-gray-200 text-gray-600";

  return (
    <li
      data-testid="message"
      data-author={message.authorType}
      data-delivery={message.authorType === "ai" ? message.messageType : undefined}
      className={cn("flex flex-col gap-1", fromCustomer ? "items-start pr-6 sm:pr-16" : "items-end pl-6 sm:pl-16")}
    >
      <div className={cn("flex items-center gap-1.5 text-xs text-gray-500", !fromCustomer && "flex-row-reverse")}>
        <AuthorIcon aria-hidden="true" className="size-3.5" />
        <span className="font-medium text-gray-700">{author}</span>
        <span aria-hidden="true">·</span>
        <LocalTime iso={message.sentAt} timeOnly />
        {unsentLabel ? (
          <Badge tone="amber" data-testid="message-delivery">
            {unsentLabel}
          </Badge>
        ) : null}
      </div>
      <div
        className={cn(
          "max-w-full rounded-2xl px-3.5 py-2.5 text-sm leading-relaxed shadow-xs",
          fromCustomer && "rounded-tl-sm border border-gray-200 bg-white text-gray-900",
          sentByAi && "rounded-tr-sm bg-brand-600 text-white",
          unsentLabel && "rounded-tr-sm border border-dashed border-brand-500 bg-brand-50 text-gray-900",
          !fromCustomer &&
            !sentByAi &&
            !unsentLabel &&
            "rounded-tr-sm border border-gray-200 bg-gray-100 text-gray-900",
        )}
      >
        {call ? (
          <p
            data-testid="call-details"
            className={cn("mb-2 flex items-center gap-1.5 border-b pb-2 text-xs font-medium", detailTone)}
          >
            <CallIcon aria-hidden="true" className="size-3.5 shrink-0" />
            {callDetailsLine(call)}
          </p>
        ) : null}
        {sms ? (
          <p
            data-testid="sms-details"
            data-segments={sms.segments}
            title={sms.encoding ? `Encoding: ${sms.encoding}` : undefined}
            className={cn("mb-2 flex items-center gap-1.5 border-b pb-2 text-xs font-medium", detailTone)}
          >
            <MessageSquare aria-hidden="true" className="size-3.5 shrink-0" />
            {smsLine(sms)}
          </p>
        ) : null}
        {message.subject && !call ? <p className="mb-1 font-semibold">{message.subject}</p> : null}
        {message.text ? (
          <MessageText text={message.text} onBrand={sentByAi} />
        ) : (
          <p className={cn("italic", sentByAi ? "text-white/80" : "text-gray-500")}>No text (yet)</p>
        )}
        {attachments.length ? (
          <ul
            aria-label="Attachments"
            data-testid="attachments"
            className={cn("mt-2 space-y-1 border-t pt-2 text-xs", detailTone)}
          >
            {attachments.map((attachment, index) => (
              <li
                key={`${attachment.name}-${index}`}
                data-testid="attachment"
                className="flex items-start gap-1.5 break-all"
              >
                <Paperclip aria-hidden="true" className="mt-px size-3.5 shrink-0" />
                {attachmentLine(attachment)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {deliveredAs ? (
        <p data-testid="delivered-as" className="flex items-center gap-1 text-xs text-gray-600">
          <Send aria-hidden="true" className="size-3 shrink-0" />
          {deliveredAs}
        </p>
      ) : null}
      {redacted ? (
        <p data-testid="redaction-note" className="flex items-center gap-1 text-xs text-amber-800">
          <ShieldCheck aria-hidden="true" className="size-3 shrink-0" />
          {redacted}
        </p>
      ) : null}
      {removed ? (
        <p data-testid="model-text-note" className="flex items-center gap-1 text-xs text-gray-500">
          <Scissors aria-hidden="true" className="size-3 shrink-0" />
          {removed}
        </p>
      ) : null}
    </li>
  );
}

/** The Front conversation as chat bubbles: the customer on the left, the AI and teammates on the right. */
export function Conversation({ messages }: { messages: SessionMessageRecord[] }) {
  return (
    <section aria-labelledby="conversation-heading" data-testid="conversation">
      <h2 id="conversation-heading" className="mb-3 text-base font-semibold text-gray-900">
        Conversation
      </h2>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-6 text-center text-sm text-gray-500">
          No messages recorded yet.
        </p>
      ) : (
        <ol className="space-y-4 rounded-lg border border-gray-200 bg-gray-50/60 p-3 sm:p-4">
          {messages.map((message) => (
            <MessageBubble key={message.id} message={message} />
          ))}
        </ol>
      )}
    </section>
  );
}
