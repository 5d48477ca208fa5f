import { CircleCheck, CircleDashed, Hand } from "lucide-react";
import { handoffReasonLabel } from "@/lib/pipeline/handoff-comment";
import { SentimentLabel } from "@/components/inbox/sentiment-label";
import { Card } from "@/components/ui/card";
import { Markdown } from "@/components/ui/markdown";
import { LocalTime } from "@/components/ui/time";
import type { HandoffRecord } from "./types";

/** Whether a Front action happened, and when. */
function Progress({
  doneAt,
  done,
  pending,
  testId,
}: {
  doneAt: string | null;
  done: string;
  pending: string;
  testId: string;
}) {
  return doneAt ? (
    <span className="inline-flex flex-wrap items-center gap-1.5 text-green-800" data-testid={testId} data-done="true">
      <CircleCheck aria-hidden="true" className="size-4 shrink-0 text-green-600" />
      {done} <LocalTime iso={doneAt} seconds className="text-gray-500" />
    </span>
  ) : (
    <span className="inline-flex items-center gap-1.5 text-amber-800" data-testid={testId} data-done="false">
      <CircleDashed aria-hidden="true" className="size-4 shrink-0 text-amber-600" />
      {pending}
    </span>
  );
}

/** What the AI told the team when it handed off, and whether Front got the comment and the unassign. */
export function HandoffCard({ handoff, index, total }: { handoff: HandoffRecord; index: number; total: number }) {
  const headingId = `handoff-${handoff.id}-heading`;
  return (
    <Card data-testid="handoff-card" className="border-amber-200">
      <section aria-labelledby={headingId}>
        <div className="flex items-center gap-2 border-b border-amber-100 bg-amber-50/60 px-4 py-3">
          <Hand aria-hidden="true" className="size-4 text-amber-700" />
          <h2 id={headingId} className="text-base font-semibold text-gray-900">
            {total > 1 ? `Handoff ${index + 1}` : "Handoff"}
          </h2>
          <span className="ml-auto text-xs text-gray-500">
            <LocalTime iso={handoff.createdAt} />
          </span>
        </div>
        <div className="space-y-4 px-4 py-3 text-sm">
          <p className="leading-relaxed text-gray-900" data-testid="handoff-summary">
            {handoff.summary}
          </p>
          <dl className="grid grid-cols-[6.5rem_1fr] gap-x-3 gap-y-2">
            <dt className="text-gray-500">Sentiment</dt>
            <dd>
              <SentimentLabel sentiment={handoff.sentiment} />
            </dd>
            <dt className="text-gray-500">Reason</dt>
            <dd data-testid="handoff-reason" data-reason={handoff.reason}>
              <span className="text-gray-900">{handoffReasonLabel(handoff.reason)}</span>{" "}
              <code className="rounded bg-gray-100 px-1 py-px font-mono text-xs break-all text-gray-600">
                {handoff.reason}
              </code>
            </dd>
            <dt className="text-gray-500">Comment</dt>
            <dd>
              <Progress
                doneAt={handoff.commentPostedAt}
                done="Posted in Front"
                pending="Not posted yet"
                testId="handoff-comment-status"
              />
            </dd>
            <dt className="text-gray-500">Unassigned</dt>
            <dd>
              <Progress
                doneAt={handoff.unassignedAt}
                done="Unassigned"
                pending="Still assigned to the AI"
                testId="handoff-unassign-status"
              />
            </dd>
          </dl>
          {handoff.error ? (
            <p
              data-testid="handoff-error"
              className="rounded-md border border-red-200 bg-red-50 px-3 py-2 break-words text-red-800"
            >
              <span className="font-semibold">Error: </span>
              {handoff.error}
            </p>
          ) : null}
          <div>
            <h3 className="mb-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">Front comment</h3>
            {/* Shown as Front shows it: the comment is Markdown. */}
            {handoff.commentBody ? (
              <div
                data-testid="handoff-comment"
                // Scrollable, so it must be reachable from the keyboard.
                tabIndex={0}
                role="region"
                aria-label="Front comment"
                className="max-h-72 space-y-2 overflow-auto rounded-md border border-gray-200 bg-gray-50 p-3 text-[0.8125rem] leading-relaxed break-words text-gray-800 [&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_code]:rounded [&_code]:bg-gray-200/70 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs [&_strong]:font-semibold [&_strong]:text-gray-900"
              >
                <Markdown source={handoff.commentBody} />
              </div>
            ) : (
              <p className="text-gray-500 italic">The comment has not been written yet.</p>
            )}
          </div>
        </div>
      </section>
    </Card>
  );
}
