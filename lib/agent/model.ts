import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { wrapLanguageModel, type LanguageModel } from "ai";
import { redactErrorSecrets } from "../secrets/redact";
import { createLocalModel, OFFLINE_MODEL_LABEL } from "./local-model";

export interface ModelSettings {
  /** local | openai:<model> | anthropic:<model> | openai-compatible:<model> */
  model: string;
  baseUrl?: string;
  apiKey?: string;
}

/**
 * The language model named by the settings, through the official AI SDK providers. A provider's error may quote the
 * key ("Incorrect API key provided: sk-…"), and errors reach the model check, the console and stored runs: the key
 * is taken out of them here, once for every caller.
 */
export function createModel(settings: ModelSettings): LanguageModel {
  const model = providerModel(settings);
  if (!settings.apiKey) return model;
  const secrets = [settings.apiKey];
  const redacted = async <T>(call: () => PromiseLike<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw redactErrorSecrets(error, secrets);
    }
  };
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v3",
      wrapGenerate: ({ doGenerate }) => redacted(doGenerate),
      wrapStream: ({ doStream }) => redacted(doStream),
    },
  });
}

/**
 * A hosted model without a key. Left to the provider package, it would fall back on OPENAI_API_KEY or
 * ANTHROPIC_API_KEY and name them in its error; Frontline reads neither: its key comes from AI_API_KEY or
 * Settings → AI, and the error says so.
 */
function requireKey(settings: ModelSettings, provider: string): void {
  if (settings.apiKey) return;
  throw new Error(
    `${provider} needs an API key: enter it in Settings → AI, or set AI_API_KEY in the app's environment`,
  );
}

type ProviderModel = Parameters<typeof wrapLanguageModel>[0]["model"];

function providerModel(settings: ModelSettings): ProviderModel {
  const [provider, ...rest] = settings.model.split(":");
  const modelId = rest.join(":");
  switch (provider) {
    case "local":
      return createLocalModel();
    case "openai":
      requireKey(settings, "OpenAI");
      // Chat Completions, not the provider's default Responses API: it is what OpenAI and every OpenAI proxy or
      // gateway a team may put in AI_BASE_URL speak, and it keeps nothing on OpenAI's side (Responses stores each
      // response unless told not to). Tool calls and streaming work the same for the agent.
      return createOpenAI({ apiKey: settings.apiKey, baseURL: settings.baseUrl }).chat(modelId);
    case "anthropic":
      requireKey(settings, "Anthropic");
      return createAnthropic({ apiKey: settings.apiKey, baseURL: settings.baseUrl })(modelId);
    case "openai-compatible":
      if (!settings.baseUrl) throw new Error("AI_BASE_URL is required for openai-compatible models");
      return createOpenAICompatible({ name: "openai-compatible", baseURL: settings.baseUrl, apiKey: settings.apiKey })(
        modelId,
      );
    default:
      throw new Error(`Unknown model provider '${provider}' in '${settings.model}'`);
  }
}

/** How the UI names a model. */
export function modelLabel(model: string): string {
  return model === "local" ? OFFLINE_MODEL_LABEL : model;
}
