import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { getSessionUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Your account" };

// Your account: who you are signed in as, and changing your password (which signs out your other sessions).
export default async function AccountPage() {
  const user = await getSessionUser();
  return (
    <>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-gray-900">Your account</h1>
        <p className="mt-1 text-sm text-gray-600" data-testid="account-email">
          Signed in as {user?.email}
        </p>
      </div>
      <ChangePasswordForm />
    </>
  );
}
