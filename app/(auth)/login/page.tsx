import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { Logo } from "@/components/ui/logo";
import { getSessionUser } from "@/lib/auth/guard";
import { safeNextPath } from "@/lib/auth/next-path";

export const metadata: Metadata = { title: "Sign in" };

// The sign-in page: email and password, then back to the page that sent the person here (or the Inbox).
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getSessionUser()) redirect(next);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex justify-center">
          <Logo />
        </div>
        <Card className="px-6 py-6">
          <h1 className="text-lg font-semibold tracking-tight text-gray-900">Sign in</h1>
          <p className="mt-1 mb-5 text-sm text-gray-600">Support leads see every AI session here, step by step.</p>
          <SignInForm next={next} />
        </Card>
        <p className="mt-4 text-center text-xs text-gray-500">No account yet? An admin creates one for you.</p>
      </div>
    </main>
  );
}
