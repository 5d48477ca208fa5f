// Starts a run of a test set (admins): against the settings in force, or a candidate (another model, instructions or
// handoff topics), through the pipeline's own agent turn with nothing sent to Front. With `estimateOnly` it starts
// nothing and answers what the run would likely cost, which the page shows before a hosted run. With `judge` a hosted
// model also grades each case (graded checks, kept apart from the deterministic scores).
import { z } from "zod";
import { dryRunSettings } from "@/lib/agent/dry-run";
import { createModel } from "@/lib/agent/model";
import { ApiError } from "@/lib/api/errors";
import { evalRunInputSchema, runJson } from "@/lib/api/evals";
import { route } from "@/lib/api/route";
import { actorOf, recordAudit } from "@/lib/audit";
import { getEvalSet, listEvalCases } from "@/lib/db/queries/evals";
import { estimateRunCost } from "@/lib/evals/cost";
import { startEvalRun } from "@/lib/evals/service";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const requestSchema = evalRunInputSchema.extend({ estimateOnly: z.boolean().optional() });

export const POST = route({ role: "admin", body: requestSchema }, async ({ user, body: { setId, label, estimateOnly, judge, ...overrides } }) => {
  const services = await getServices();
  const set = await getEvalSet(services.db, setId);
  if (!set) throw new ApiError(404, "not_found", "No such test set.");
  const cases = (await listEvalCases(services.db, setId)).map((row) => row.body);
  if (cases.length === 0) throw new ApiError(422, "empty_set", "The set has no case yet: add or import some first.");
  const [{ values: saved }, actions] = await Promise.all([services.agentSettings.get(), services.actions.list()]);
  const settings = dryRunSettings(saved, overrides);
  if (judge && settings.model === "local") {
    throw new ApiError(422, "judge_needs_hosted_model", "Graded checks need a hosted model as the judge: the offline model cannot read an answer for meaning. Pick a hosted model or leave graded checks off.");
  }
  const estimate = estimateRunCost(cases, settings, { judge });
  if (estimateOnly) return { estimate, model: settings.model };

  const candidate = Boolean(overrides.model?.trim() || overrides.baseUrl || overrides.instructions !== undefined || overrides.handoffTopics !== undefined);
  let model;
  try {
    model = createModel({ model: settings.model, baseUrl: settings.baseUrl, apiKey: settings.apiKey });
  } catch (error) {
    throw new ApiError(422, "invalid_model", `The model '${settings.model}' cannot be used: ${(error as Error).message}`);
  }
  const { run } = await startEvalRun({
    judge: judge ? { model, modelId: settings.model, prices: settings.prices } : undefined,
    db: services.db,
    setId,
    label: label?.trim() || `${candidate ? "Candidate" : "Settings in force"} · ${settings.model}`,
    cases,
    settings,
    config: { model: settings.model, baseUrl: settings.baseUrl, instructions: settings.instructions, handoffTopics: settings.handoffTopics, kind: candidate ? "candidate" : "current", judge: Boolean(judge) },
    model,
    actions,
    userId: user.id,
  });
  await recordAudit(services.db, { actor: actorOf(user), action: "evals.run", target: set.name, after: { runId: run.id, setId, label: run.label, model: settings.model, kind: candidate ? "candidate" : "current", judge: Boolean(judge), cases: cases.length } });
  return Response.json({ run: runJson(run), estimate }, { status: 202 });
});
