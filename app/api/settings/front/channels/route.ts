// Front's channels, to pick the SMS channel callers are texted back from (Settings → AI → Delivery) and the phone
// channels whose `custom` messages are calls (Settings → Front).
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { isFrontApiError } from "@/lib/front/errors";
import { isCallCapableChannel, isSmsChannel } from "@/lib/front/channels";
import { channelInboxId } from "@/lib/front/types";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { front, settings } = await getServices();
  if (!(await settings.get()).values.apiToken) throw new ApiError(409, "no_token", "Save a Front API token in Settings → Front first.");
  const channels = await front.listChannels().catch((error: unknown) => {
    if (isFrontApiError(error)) throw new ApiError(502, "front_error", error.message);
    throw error;
  });
  const listed = channels.map((channel) => ({
    id: channel.id,
    name: channel.name ?? channel.address ?? channel.id,
    address: channel.address ?? null,
    type: channel.type ?? null,
    smsCapable: isSmsChannel(channel),
    callCapable: isCallCapableChannel(channel),
    inboxId: channelInboxId(channel),
  }));
  // SMS channels first: they are the ones a caller can be texted back from.
  listed.sort((a, b) => Number(b.smsCapable) - Number(a.smsCapable) || a.name.localeCompare(b.name));
  return { channels: listed };
});
