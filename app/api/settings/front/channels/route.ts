// Front's channels, to pick the SMS channel callers are texted back from (Settings → AI → Delivery) and the phone
// channels whose `custom` messages are calls (Settings → Front).
import { readFromFront } from "@/lib/api/front-read";
import { route } from "@/lib/api/route";
import { isCallCapableChannel, isSmsChannel } from "@/lib/front/channels";
import { channelInboxId } from "@/lib/front/types";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const channels = await readFromFront("Save a Front API token in Settings → Front first.", (front) =>
    front.listChannels(),
  );
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
