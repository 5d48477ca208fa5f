// Front's channels, to pick the SMS channel callers are texted back from (Settings → AI → Delivery) and the phone
// channels whose `custom` messages are calls (Settings → Front).
import { readFromFront } from "@/lib/api/front-read";
import { route } from "@/lib/api/route";
import { frontChannelsResponse } from "@/lib/front/pickers";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const channels = await readFromFront("Save a Front API token in Settings → Front first.", (front) =>
    front.listChannels(),
  );
  return frontChannelsResponse(channels);
});
