import { channelForMessage, needsConversationInboxes, type Channel, type MessageOrigin } from "../front/channels";
import type { FrontEvent, FrontMessage } from "../front/types";
import type { FrontSettings } from "../settings/front-settings";
import type { PipelineContext } from "./context";

/**
 * The inboxes an event says its message came in: Front's message events (inbound, out_reply, the transcript events)
 * have the inboxes as their `source`, a list in the full form and the first inbox's id in a preview. Null when the
 * source is something else (an assign event's teammate).
 */
export function eventInboxIds(event: FrontEvent | null | undefined): string[] | null {
  const source = event?.source;
  if (source?._meta?.type !== "inboxes") return null;
  if (Array.isArray(source.data)) {
    return source.data.flatMap((inbox: unknown) =>
      typeof (inbox as { id?: unknown })?.id === "string" ? [(inbox as { id: string }).id] : [],
    );
  }
  return typeof source.id === "string" ? [source.id] : null;
}

/**
 * The channel of a customer's message. A `custom` message is a call only when it came in on a picked phone channel:
 * its `to` or the event's inbox says so for free; only when neither can, the conversation's inboxes are asked for.
 */
export async function messageChannel(
  ctx: Pick<PipelineContext, "front">,
  input: {
    message: FrontMessage;
    conversationId: string;
    event?: FrontEvent | null;
    settings: Pick<FrontSettings, "phoneChannels">;
  },
): Promise<Channel> {
  const origin: MessageOrigin = { phoneChannels: input.settings.phoneChannels, inboxIds: eventInboxIds(input.event) };
  if (needsConversationInboxes(input.message, origin)) {
    origin.inboxIds = (await ctx.front.listConversationInboxes(input.conversationId)).map((inbox) => inbox.id);
  }
  return channelForMessage(input.message, origin);
}
