import type { ReactNode } from "react";
import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "./button";
import { StatePanel } from "./state-panel";

/** The error state of a page or panel whose data did not load: the message and a "Try again" button. */
export function LoadError({
  title,
  testId,
  message,
  onRetry,
  extraAction,
}: {
  title?: string;
  testId: string;
  message: string;
  onRetry: () => void;
  extraAction?: ReactNode;
}) {
  return (
    <StatePanel
      icon={TriangleAlert}
      tone="error"
      role="alert"
      title={title}
      testId={testId}
      action={
        <>
          <Button onClick={onRetry}>
            <RefreshCw aria-hidden="true" />
            Try again
          </Button>
          {extraAction}
        </>
      }
    >
      {message}
    </StatePanel>
  );
}
