// Liveness for load balancers: 200 when the database answers, 503 when it does not.
import { getDb } from "@/lib/db";
import { healthResponse } from "@/lib/health";

export const dynamic = "force-dynamic";

export function GET() {
  return healthResponse(getDb);
}
