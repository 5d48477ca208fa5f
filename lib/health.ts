import { sql } from "drizzle-orm";
import type { Db } from "./db/client";

/** 200 when the database answers a query, 503 (with the reason) when it does not. */
export async function healthResponse(getDb: () => Promise<Db>): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: "ok" }, { headers });
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown error";
    return Response.json({ status: "unavailable", database: reason }, { status: 503, headers });
  }
}
