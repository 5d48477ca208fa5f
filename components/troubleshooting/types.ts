import type { listDeliveries } from "@/lib/db/queries/deliveries";
import type { CheckStatus, ExplainedCheck, Explanation } from "@/lib/troubleshooting/explain";
import type { RerunResponse } from "@/lib/troubleshooting/rerun";
import type { Serialized } from "@/components/inbox/types";

export type { CheckStatus, ExplainedCheck, Explanation, RerunResponse };

/** One row of GET /api/troubleshooting/deliveries. */
export type Delivery = Serialized<Awaited<ReturnType<typeof listDeliveries>>["deliveries"][number]>;

export interface DeliveriesResponse {
  deliveries: Delivery[];
  nextBeforeId: number | null;
}
