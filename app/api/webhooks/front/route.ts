// Front's webhooks (application and rule): verify, store once, enqueue, answer 200.
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { receiveFrontWebhook } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const config = getConfig();
  return receiveFrontWebhook(request, {
    db: await getDb(),
    appSecret: config.FRONT_APP_SECRET,
    ruleSecret: config.FRONT_RULE_WEBHOOK_SECRET,
  });
}
