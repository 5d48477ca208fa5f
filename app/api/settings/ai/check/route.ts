// Settings → AI → "Check the model": one short request to the model in force, so a wrong key, model name or base
// URL shows up here instead of as failed customer runs.
import { generateText } from "ai";
import { errorResponse } from "@/lib/api/errors";
import { requireAdmin } from "@/lib/auth/guard";
import { createModel } from "@/lib/agent/model";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const CHECK_TIMEOUT_MS = 20_000;

export async function POST() {
  try {
    await requireAdmin();
    const { agentSettings } = await getServices();
    const { values } = await agentSettings.get();
    const startedAt = Date.now();
    try {
      const model = createModel({ model: values.model, baseUrl: values.baseUrl, apiKey: values.apiKey });
      const result = await generateText({
        model,
        prompt: "Reply with the single word: ready",
        maxOutputTokens: 16,
        maxRetries: 0,
        abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      });
      return Response.json({ ok: true, model: values.model, durationMs: Date.now() - startedAt, text: result.text.slice(0, 200) });
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      return Response.json({ ok: false, model: values.model, durationMs: Date.now() - startedAt, message: message.slice(0, 500) });
    }
  } catch (error) {
    return errorResponse(error);
  }
}
