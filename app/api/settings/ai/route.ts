// Settings → AI: read the model, instructions, safety and delivery settings (the key masked, env-locked fields
// flagged) and save changes.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { DEFAULT_PRICES } from "@/lib/agent/pricing";
import { getServices } from "@/lib/runtime";
import { maskSecret } from "@/lib/secrets/encryption";
import { agentSettingsPatchSchema } from "@/lib/settings/ai-settings";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { agentSettings } = await getServices();
  const { values, locked } = await agentSettings.get();
  return {
    values: {
      ...values,
      baseUrl: values.baseUrl ?? null,
      apiKey: maskSecret(values.apiKey),
      textBackChannel: values.textBackChannel ?? null,
    },
    locked,
    defaultPrices: DEFAULT_PRICES,
  };
});

export const PUT = route({ role: "admin", body: agentSettingsPatchSchema }, async ({ user, body: patch }) => {
  const { agentSettings } = await getServices();
  const { values } = await agentSettings.get();
  const model = patch.model ?? values.model;
  const baseUrl = patch.baseUrl !== undefined ? patch.baseUrl : values.baseUrl;
  if (model.startsWith("openai-compatible:") && !baseUrl) {
    throw new ApiError(
      422,
      "base_url_required",
      "An OpenAI-compatible server needs its base URL, e.g. http://127.0.0.1:11434/v1 for Ollama.",
    );
  }
  await agentSettings.save(patch, actorOf(user));
  return { saved: Object.keys(patch) };
});
