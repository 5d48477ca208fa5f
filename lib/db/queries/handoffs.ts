import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { handoffs, type Handoff } from "../schema";

export async function getHandoffForRun(db: Db, runId: string): Promise<Handoff | undefined> {
  const [handoff] = await db.select().from(handoffs).where(eq(handoffs.runId, runId));
  return handoff;
}
