// Settings → AI: read the model, instructions, safety and delivery settings (the key masked, env-locked fields
// flagged) and save changes.
import { ApiError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { actorOf } from "@/lib/audit";
import { getServices } from "@/lib/runtime";
import {
  agentSettingsPatchSchema,
  agentSettingsResponse,
  savedAgentSettingsResponse,
} from "@/lib/settings/ai-settings";

export const dynamic = "force-dynamic";

export const GET = route({ role: "admin" }, async () => {
  const { agentSettings } = await getServices();
  return agentSettingsResponse(await agentSettings.get());
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
  return savedAgentSettingsResponse(patch);
});
