// Settings → Sample data: how many demo sessions exist, and clearing them (with everything hanging off them).
import { errorResponse } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { countSampleSessions } from "@/lib/db/queries/sample-data";
import { getServices } from "@/lib/runtime";
import { clearSampleHistory, isSampleHistoryRunning } from "@/lib/sample-data";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

export async function GET() {
  try {
    await requireAdmin();
    const { db } = await getServices();
    return Response.json({ sampleSessions: await countSampleSessions(db), generating: isSampleHistoryRunning() }, { headers: noStore });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE() {
  try {
    const user = await requireAdmin();
    const { db } = await getServices();
    // A history still being written stops first, so nothing is added after the clear; a restart does not redo it.
    return Response.json(await clearSampleHistory(db, actorOf(user)), { headers: noStore });
  } catch (error) {
    return errorResponse(error);
  }
}
