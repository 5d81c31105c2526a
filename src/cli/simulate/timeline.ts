// `maestro simulate --timeline FILE.svg`: the run as a picture, one lane per
// step on the virtual clock (src/simulator/timeline.ts draws it).
import { writeFileSync } from 'node:fs';
import type { SyncRecord } from '../../simulator/index.ts';
import { buildTimeline } from '../../simulator/timeline.ts';
import { renderTimelineSvg } from '../../simulator/timeline-svg.ts';

/** The SVG of a run from its sync records. */
export function timelineSvg(records: readonly SyncRecord[], title: string): string {
  const samples = records.map((r) => ({ seq: r.seq, at: r.at, status: r.response?.status }));
  return renderTimelineSvg(buildTimeline(samples), title);
}

export function writeTimeline(file: string, records: readonly SyncRecord[], title: string): void {
  writeFileSync(file, timelineSvg(records, title));
}
