// Settings → AI → "Check the model": one short request to the model in force, so a wrong key, model name or base
// URL shows up here instead of as failed customer runs.
import { generateText } from "ai";
import { route } from "@/lib/api/route";
import { createModel } from "@/lib/agent/model";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const CHECK_TIMEOUT_MS = 20_000;

export const POST = route({ role: "admin" }, async () => {
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
    return { ok: true, model: values.model, durationMs: Date.now() - startedAt, text: result.text.slice(0, 200) };
  } catch (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    return { ok: false, model: values.model, durationMs: Date.now() - startedAt, message: message.slice(0, 500) };
  }
});
