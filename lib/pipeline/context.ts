import type { LanguageModel } from "ai";
import type { HttpAction } from "../actions/http-action";
import type { Db } from "../db/client";
import type { FrontClient } from "../front/client";
import type { AgentSettings } from "../settings/ai-settings";
import type { FrontSettings } from "../settings/front-settings";

/** What the pipeline needs from the app: its database, Front, the settings in force, the model. */
export interface PipelineContext {
  db: Db;
  front: FrontClient;
  /** Settings → AI in force (saved in the app, or fixed by the environment): model, instructions, limits, prices. */
  loadAgentSettings: () => Promise<AgentSettings>;
  /** The language model the settings name; tests hand in a fixed one. Throws when it cannot be built. */
  modelFor: (settings: AgentSettings) => LanguageModel;
  /** The team's custom HTTP actions (all of them; each run keeps those enabled on its channel). */
  loadActions: () => Promise<HttpAction[]>;
  /** The Front settings in force (saved in the app, or fixed by the environment). */
  loadSettings: () => Promise<FrontSettings>;
  /** Where leads open a session, for the link in the handoff comment. */
  appUrl: string;
  /**
   * Awaited right before each write to Front; throws to stop the write. The worker passes its lease check, so a
   * worker that lost its job to another (it stalled past the lease) never writes what the new holder will write.
   */
  beforeFrontWrite?: () => Promise<void>;
}
