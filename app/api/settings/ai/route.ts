// Settings → AI: read the model, instructions, safety and delivery settings (the key masked, env-locked fields
// flagged) and save changes.
import { ApiError, errorResponse, isErrorNamed } from "@/lib/api/errors";
import { actorOf } from "@/lib/audit";
import { requireAdmin } from "@/lib/auth/guard";
import { DEFAULT_PRICES } from "@/lib/agent/pricing";
import { getServices } from "@/lib/runtime";
import { maskSecret } from "@/lib/secrets/encryption";
import { AgentSettingLockedError, agentSettingsPatchSchema } from "@/lib/settings/ai-settings";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await requireAdmin();
    const { agentSettings } = await getServices();
    const { values, locked } = await agentSettings.get();
    return Response.json(
      { values: { ...values, baseUrl: values.baseUrl ?? null, apiKey: maskSecret(values.apiKey), textBackChannel: values.textBackChannel ?? null }, locked, defaultPrices: DEFAULT_PRICES },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request) {
  try {
    const user = await requireAdmin();
    const body: unknown = await request.json().catch(() => {
      throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
    });
    const patch = agentSettingsPatchSchema.parse(body);
    const { agentSettings } = await getServices();
    const { values } = await agentSettings.get();
    const model = patch.model ?? values.model;
    const baseUrl = patch.baseUrl !== undefined ? patch.baseUrl : values.baseUrl;
    if (model.startsWith("openai-compatible:") && !baseUrl) {
      throw new ApiError(422, "base_url_required", "An OpenAI-compatible server needs its base URL, e.g. http://127.0.0.1:11434/v1 for Ollama.");
    }
    await agentSettings.save(patch, actorOf(user));
    return Response.json({ saved: Object.keys(patch) });
  } catch (error) {
    if (isErrorNamed<AgentSettingLockedError>(error, "AgentSettingLockedError")) return errorResponse(new ApiError(409, "locked", error.message));
    return errorResponse(error);
  }
}
