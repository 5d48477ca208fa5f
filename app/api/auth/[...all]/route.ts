// better-auth's endpoints (sign-in, sign-out, session): public by design, rate-limited by better-auth itself.
import { getAuth } from "@/lib/auth/server";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
