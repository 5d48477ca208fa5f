"use client";

import { Download, Table2 } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { csvFilename } from "@/lib/reports/csv";
import { channelLabel } from "@/lib/reports/labels";
import { tableCsv, type ReportTable } from "@/lib/reports/tables";
import { DataTable } from "./data-table";
import { InfoButton } from "./info-button";

/** Saves text as a file from the browser: a Blob behind a temporary link. */
export function downloadText(filename: string, content: string, type = "text/csv;charset=utf-8"): void {
  // The byte-order mark makes spreadsheet apps read the file as UTF-8 (channel names, “–”).
  const url = URL.createObjectURL(new Blob(["\uFEFF", content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export interface ReportSectionProps {
  id: string;
  title: string;
  /** How the chart's numbers are computed (the info button). */
  definition: ReactNode;
  /** One line under the title. */
  description?: ReactNode;
  table: ReportTable;
  range: { from: string; to: string };
  channel: string | null;
  children: ReactNode;
}

/** A report card: title and definition, the chart, "Show table" and "Download CSV" of the same numbers. */
export function ReportSection({
  id,
  title,
  definition,
  description,
  table,
  range,
  channel,
  children,
}: ReportSectionProps) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const headingId = `${id}-heading`;
  const filename = csvFilename(table.dataset, range, channel ? channelLabel(channel) : null);
  return (
    <Card className="min-w-0" data-testid={`report-${id}`}>
      <section aria-labelledby={headingId}>
        <CardHeader className="justify-between">
          <div className="min-w-0">
            <div className="flex items-center gap-1">
              <h2 id={headingId} className="text-sm font-semibold text-gray-900">
                {title}
              </h2>
              <InfoButton metric={title} testId={`${id}-info`}>
                {definition}
              </InfoButton>
            </div>
            {description ? <p className="mt-0.5 text-xs text-gray-500">{description}</p> : null}
          </div>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              aria-expanded={showTable}
              aria-controls={tableId}
              onClick={() => setShowTable((value) => !value)}
              data-testid={`${id}-toggle-table`}
            >
              <Table2 aria-hidden="true" />
              {showTable ? "Hide table" : "Show table"}
            </Button>
            <Button size="sm" onClick={() => downloadText(filename, tableCsv(table))} data-testid={`${id}-download`}>
              <Download aria-hidden="true" />
              Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
            </Button>
          </div>
        </CardHeader>
        <CardBody className="space-y-4">
          <figure aria-labelledby={headingId} className="min-w-0">
            {children}
          </figure>
          <div id={tableId} hidden={!showTable}>
            {showTable ? <DataTable table={table} testId={`${id}-table`} /> : null}
          </div>
        </CardBody>
      </section>
    </Card>
  );
}
