import { z } from "zod";
import { CHANNELS } from "../../domain";

const count = z.number().int().min(0);

export const gapExampleSchema = z.object({ sessionId: z.string(), ticketNumber: z.number().int(), text: z.string() });

export const gapGroupRowSchema = z.object({
  /** The Inbox's `gap` value for the group ("-": the questions without a word left). */
  key: z.string(),
  words: z.array(z.string()),
  sessions: count,
  examples: z.array(gapExampleSchema),
});
export type GapGroupRow = z.infer<typeof gapGroupRowSchema>;

/** GET /api/reports/knowledge-gaps: the table, and whether the reader may write articles (admins). */
export const knowledgeGapsResponseSchema = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  channel: z.enum(CHANNELS).nullable(),
  /** Sessions handed off for insufficient knowledge in the range: the sum of the groups. */
  sessions: count,
  groups: z.array(gapGroupRowSchema),
  canWriteArticles: z.boolean(),
});
export type KnowledgeGapsResponse = z.infer<typeof knowledgeGapsResponseSchema>;
