import type { LanguageModelV3Prompt, LanguageModelV3ToolResultOutput } from "@ai-sdk/provider";
import { transcriptKind, type TranscriptKind } from "../../text-analysis/customer-words";

export type Channel = "voice" | "email" | "sms" | "whatsapp" | "chat" | "other";

export interface ToolResult {
  toolCallId: string;
  toolName: string;
  ok: boolean;
  value: unknown;
  /** The tool-call input the model sent, when the call is in the prompt. */
  input: unknown;
}

/** What the offline model needs from a prompt: the current customer turn and what happened since. */
export interface Conversation {
  system: string;
  /** The last user message: the customer's current turn. */
  turn: string;
  /** Earlier user messages, oldest first. */
  earlierTurns: string[];
  /** Assistant text sent before the current turn (to avoid repeating an article). */
  earlierReplies: string;
  /** Tool results after the current turn, in order. */
  results: ToolResult[];
  /** Tool names the model already called in this turn. */
  calledTools: string[];
  channel: Channel;
  kind: TranscriptKind;
}

/** Tool outputs arrive as json, text (maybe JSON), content parts or errors. */
function readOutput(output: LanguageModelV3ToolResultOutput): { ok: boolean; value: unknown } {
  const parseText = (text: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
  switch (output.type) {
    case "json":
      return { ok: true, value: output.value };
    case "text":
      return { ok: true, value: parseText(output.value) };
    case "content":
      return { ok: true, value: parseText(output.value.map((p) => (p.type === "text" ? p.text : "")).join("")) };
    case "error-text":
    case "error-json":
      return { ok: false, value: output.value };
    default:
      return { ok: false, value: output.type === "execution-denied" ? (output.reason ?? "execution denied") : null };
  }
}

/** "Channel: voice (phone call)" in the instructions; unknown names become "other". */
function channelOf(system: string): Channel {
  const name = system.match(/\bchannel:\s*([a-z_-]+)/i)?.[1]?.toLowerCase() ?? "";
  if (/^(voice|phone|call)/.test(name)) return "voice";
  if (name === "email" || name === "sms" || name === "whatsapp") return name;
  if (/^(web|chat|live)/.test(name)) return "chat";
  return "other";
}

export function readConversation(prompt: LanguageModelV3Prompt): Conversation {
  const system = prompt
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n");
  const userIndexes = prompt.flatMap((m, i) => (m.role === "user" ? [i] : []));
  const last = userIndexes.length ? userIndexes[userIndexes.length - 1] : -1;
  const textOf = (i: number) => {
    const m = prompt[i];
    return m.role === "user" || m.role === "assistant"
      ? m.content
          .map((p) => (p.type === "text" ? p.text : ""))
          .filter(Boolean)
          .join("\n")
      : "";
  };

  const inputs = new Map<string, unknown>();
  const calledTools: string[] = [];
  const results: ToolResult[] = [];
  prompt.forEach((m, i) => {
    if (i <= last || m.role === "system" || m.role === "user") return;
    for (const part of m.content) {
      if (part.type === "tool-call") {
        inputs.set(part.toolCallId, part.input);
        calledTools.push(part.toolName);
      } else if (part.type === "tool-result") {
        results.push({
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          ...readOutput(part.output),
          input: inputs.get(part.toolCallId),
        });
      }
    }
  });

  const turn = last >= 0 ? textOf(last) : "";
  const kind = transcriptKind(turn);
  const channel = kind === "message" ? channelOf(system) : "voice";
  return {
    system,
    turn,
    earlierTurns: userIndexes.slice(0, -1).map(textOf),
    earlierReplies: prompt
      .slice(0, Math.max(last, 0))
      .map((m, i) => (m.role === "assistant" ? textOf(i) : ""))
      .join("\n"),
    results,
    calledTools,
    channel,
    kind,
  };
}
