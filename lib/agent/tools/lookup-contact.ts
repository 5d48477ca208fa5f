import { tool } from "ai";
import { z } from "zod";
import { normalizeHandle } from "../../channels";
import type { Db } from "../../db/client";
import { listContactHistory } from "../../db/queries/contacts";

/** The caller's earlier sessions by phone or email, so the AI knows a repeat caller and what happened before. */
export function lookupContactTool(db: Db, context: { currentSessionId: string; contactHandle?: string | null }) {
  return tool({
    description:
      "Look up this customer's earlier conversations with the team by phone number or email. Without a handle, the current caller is looked up. Use it when the customer refers to an earlier call or order.",
    inputSchema: z.object({
      handle: z.string().max(200).optional().describe("A phone number or email; defaults to the current customer"),
    }),
    execute: async ({ handle }) => {
      const target = handle?.trim() || context.contactHandle;
      if (!target) return { found: 0, sessions: [], note: "no phone number or email is known for this customer" };
      const history = await listContactHistory(db, normalizeHandle(target), {
        excludeSessionId: context.currentSessionId,
        limit: 5,
      });
      return {
        found: history.length,
        sessions: history.map((session) => ({
          ticket: `#${session.ticketNumber}`,
          channel: session.channel,
          status: session.status,
          when: session.createdAt.toISOString(),
          summary: session.summary ?? session.preview ?? null,
          handoffReason: session.handoffReason,
        })),
      };
    },
  });
}
