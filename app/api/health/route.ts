// Liveness for load balancers: 200 when the database answers, 503 when it does not.
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown error";
    return Response.json({ status: "unavailable", database: reason }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
