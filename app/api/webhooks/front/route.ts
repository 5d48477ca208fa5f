// Front's webhooks (application and rule): verify, store once, enqueue, answer 200.
import { getServices } from "@/lib/runtime";
import { receiveFrontWebhook } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const { db, settings } = await getServices();
  const { values } = await settings.get();
  return receiveFrontWebhook(request, { db, appSecret: values.appSecret, ruleSecret: values.ruleSecret });
}
