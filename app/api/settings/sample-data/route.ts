// Settings → Sample data: how many demo sessions exist, and clearing them (with everything hanging off them).
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { countSampleSessions } from "@/lib/db/queries/sample-data";
import { getServices } from "@/lib/runtime";
import { clearSampleHistory, isSampleHistoryRunning } from "@/lib/sample-data";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { db } = await getServices();
  return { sampleSessions: await countSampleSessions(db), generating: isSampleHistoryRunning() };
});

export const DELETE = route({ role: "admin" }, async ({ user }) => {
  const { db } = await getServices();
  // A history still being written stops first, so nothing is added after the clear; a restart does not redo it.
  return clearSampleHistory(db, actorOf(user));
});
