/** The offline model: a language model that runs in-process with no network (its text analysis is lib/text-analysis). */
export {
  createLocalModel,
  OFFLINE_MODEL_ID,
  OFFLINE_MODEL_LABEL,
  OFFLINE_PROVIDER,
  type LocalModelOptions,
} from "./model";
export { DEFAULT_FIT, type FitThresholds } from "./compose-answer";
