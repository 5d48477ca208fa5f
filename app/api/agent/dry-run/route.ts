// The dry-run console: GET what a run starts from (model in force, instructions, handoff topics, never the key);
// POST runs one customer turn (pasted, or a stored session's) with another model or instructions, and answers
// with the full run. Nothing is sent to Front or written to the database. Admins only: hosted models cost money.
import { z } from "zod";
import { dryRun, dryRunDefaults } from "@/lib/agent/dry-run";
import { route } from "@/lib/api/route";
import { CHANNELS } from "@/lib/front/channels";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const overridesSchema = z
  .object({
    /** Empty: the model in force. */
    model: z.string().trim().max(200, "is too long for a model spec").optional(),
    baseUrl: z.union([z.literal(""), z.url("must be a URL such as http://127.0.0.1:11434/v1")]).optional(),
    instructions: z.string().max(20_000, "keep the instructions under 20,000 characters").optional(),
    handoffTopics: z.array(z.string().trim().min(1, "a topic is empty").max(200)).max(100).optional(),
  })
  .strict();

const sourceSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("transcript"),
        transcript: z
          .string()
          .trim()
          .min(1, "paste the customer's words")
          .max(50_000, "keep the transcript under 50,000 characters"),
        channel: z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(", ")}` }),
      })
      .strict(),
    z
      .object({
        kind: z.literal("session"),
        sessionId: z.uuid("is not a session id"),
        upToMessageId: z.uuid("is not a message id").optional(),
      })
      .strict(),
  ],
  { message: "must be a pasted transcript or a stored session" },
);

const dryRunRequestSchema = z.object({ source: sourceSchema, overrides: overridesSchema.default({}) }).strict();

export const GET = route({ role: "admin" }, async () =>
  dryRunDefaults((await (await getServices()).agentSettings.get()).values),
);

export const POST = route({ role: "admin", body: dryRunRequestSchema }, async ({ body: { source, overrides } }) => {
  const services = await getServices();
  const [{ values: settings }, actions] = await Promise.all([services.agentSettings.get(), services.actions.list()]);
  return dryRun({
    db: services.db,
    settings,
    overrides,
    source:
      source.kind === "transcript"
        ? { transcript: source.transcript, channel: source.channel }
        : { sessionId: source.sessionId, upToMessageId: source.upToMessageId },
    actions,
  });
});
