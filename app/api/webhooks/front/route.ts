// Front's webhooks (application and rule): verify, check an application webhook is for the connected company,
// store once, enqueue, answer 200.
import { getServices } from "@/lib/runtime";
import { lookUpCompany } from "@/lib/settings/front-connection";
import { receiveFrontWebhook } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const { db, config, settings } = await getServices();
  const { values } = await settings.get();
  return receiveFrontWebhook(request, {
    db,
    appSecret: values.appSecret,
    ruleSecret: values.ruleSecret,
    connectedCompany: () =>
      settings.connectedCompany({ lookUp: (token) => lookUpCompany(config.FRONT_API_BASE_URL, token) }),
  });
}
