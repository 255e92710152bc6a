import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RiskWeek } from '../risk-weeks';

const HEIGHT = 240;
const DAY_S = 86_400;
/** Each week holds three bars side by side, always in this order: where a bar stands says what it counts. */
const SLOT_DAYS = [1.5, 3.5, 5.5];

/** Signals, cases, escalations: left, middle, right in each week, and three colours at least 3:1 on white. */
export const RISK_SERIES = [
  { label: 'Risk signals', fill: '#1d70b8', count: (w: RiskWeek) => w.signals },
  { label: 'Moderation cases', fill: '#505a5f', count: (w: RiskWeek) => w.cases },
  { label: 'Escalations', fill: '#b10e1e', count: (w: RiskWeek) => w.escalations },
] as const;

/**
 * The client's risk over weeks as grouped bars, drawn with uPlot on a canvas. Loaded as its own
 * chunk, only on the escalation view. The canvas is one image to a screen reader (its summary);
 * the table after it carries the same numbers.
 */
export function RiskChart({ weeks, summary }: { weeks: readonly RiskWeek[]; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || weeks.length === 0) return undefined;
    const highest = Math.max(1, ...weeks.map((w) => Math.max(w.signals, w.cases, w.escalations)));
    // One x value per bar slot; each series has its count in its own slot and nothing (null) in the others.
    const xs = weeks.flatMap((w) => SLOT_DAYS.map((day) => w.start / 1000 + day * DAY_S));
    const data: uPlot.AlignedData = [
      xs,
      ...RISK_SERIES.map((series, index) => weeks.flatMap((w) => SLOT_DAYS.map((_day, slot) => (slot === index ? series.count(w) : null)))),
    ];
    const bars = uPlot.paths.bars!({ size: [0.9, 24], align: 0 });
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: true, range: [weeks[0].start / 1000, weeks[weeks.length - 1].start / 1000 + 7 * DAY_S] },
          y: { range: [0, highest + 1] },
        },
        axes: [
          { stroke: '#0b0c0c', grid: { stroke: '#e5e6e7' }, space: 80 },
          { stroke: '#0b0c0c', grid: { stroke: '#e5e6e7' }, incrs: [1, 2, 5, 10, 20, 50], values: (_u, ticks) => ticks.map((t) => String(t)) },
        ],
        series: [{}, ...RISK_SERIES.map((s) => ({ label: s.label, fill: s.fill, stroke: s.fill, width: 0, paths: bars, points: { show: false } }))],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [weeks]);
  return <div ref={box} className="risk-chart" role="img" aria-label={summary} />;
}
