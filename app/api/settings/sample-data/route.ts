// Settings → Sample data: how many demo sessions exist, and clearing them (with everything hanging off them).
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getServices } from "@/lib/runtime";
import { clearSampleHistory, sampleDataStatus } from "@/lib/sample-data";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { db } = await getServices();
  return sampleDataStatus(db);
});

export const DELETE = route({ role: "admin" }, async ({ user }) => {
  const { db } = await getServices();
  // A history still being written stops first, so nothing is added after the clear; a restart does not redo it.
  return clearSampleHistory(db, actorOf(user));
});
