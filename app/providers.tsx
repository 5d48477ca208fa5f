"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import "./zod-browser";

function statusOf(error: unknown): number | undefined {
  return (error as { status?: number } | null)?.status;
}

/** The session ended while the page was open (expired, signed out elsewhere): back to sign-in, then here again. */
function onApiError(error: unknown) {
  if (statusOf(error) !== 401 || window.location.pathname === "/login") return;
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.replace(`/login?next=${encodeURIComponent(next)}`);
}

/** One QueryClient per browser tab. The API is local and polled, so failed requests retry once, quickly. */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onApiError }),
        mutationCache: new MutationCache({ onError: onApiError }),
        defaultOptions: {
          queries: {
            staleTime: 1_000,
            retry: (failureCount, error) => ![401, 403, 404].includes(statusOf(error) ?? 0) && failureCount < 1,
            refetchOnWindowFocus: true,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
