// Calls a saved action once with the admin's arguments, so it can be checked before the AI uses it. The answer says
// what the model would get: the status and body, or the error it would be told.
import { z } from "zod";
import { testHttpAction } from "@/lib/actions/test-run";
import { route } from "@/lib/api/route";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const testInputSchema = z.object({ arguments: z.record(z.string(), z.unknown()).default({}) }).strict();

export const POST = route({ role: "admin", body: testInputSchema }, async ({ body: input, params: { id } }) => {
  const { actions } = await getServices();
  const action = await actions.getForCall(id);
  return testHttpAction(action, input.arguments);
});
