// Calls a saved action once with the admin's arguments, so it can be checked before the AI uses it. The answer says
// what the model would get: the status and body, or the error it would be told.
import { z } from "zod";
import { actionApiError, readJsonBody } from "@/lib/actions/api-errors";
import { testHttpAction } from "@/lib/actions/test-run";
import { errorResponse } from "@/lib/api/errors";
import { requireAdmin } from "@/lib/auth/guard";
import { getServices } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const testInputSchema = z.object({ arguments: z.record(z.string(), z.unknown()).default({}) }).strict();

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireAdmin();
    const { id } = await params;
    const input = testInputSchema.parse(await readJsonBody(request));
    const { actions } = await getServices();
    const action = await actions.getForCall(id);
    return Response.json(await testHttpAction(action, input.arguments));
  } catch (error) {
    return errorResponse(actionApiError(error));
  }
}
