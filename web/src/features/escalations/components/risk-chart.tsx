import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RiskWeek } from '../risk-weeks';

const HEIGHT = 240;

/** Three lines told apart by dash and width as well as colour (all at least 3:1 on white). */
export const RISK_SERIES = [
  { key: 'signals', label: 'Risk signals', stroke: '#1d70b8', dash: [] as number[], width: 2 },
  { key: 'cases', label: 'Moderation cases', stroke: '#505a5f', dash: [8, 4], width: 2 },
  { key: 'escalations', label: 'Escalations', stroke: '#d4351c', dash: [2, 3], width: 3 },
] as const;

/**
 * The client's risk over weeks, drawn with uPlot on a canvas. Loaded as its own chunk, only on the
 * escalation view. The canvas is one image to a screen reader (its summary); the table after it
 * carries the same numbers.
 */
export function RiskChart({ weeks, summary }: { weeks: readonly RiskWeek[]; summary: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const highest = Math.max(1, ...weeks.map((w) => Math.max(w.signals, w.cases, w.escalations)));
    const data: uPlot.AlignedData = [weeks.map((w) => w.start / 1000), weeks.map((w) => w.signals), weeks.map((w) => w.cases), weeks.map((w) => w.escalations)];
    const plot = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: [0, highest + 1] } },
        axes: [
          { stroke: '#0b0c0c', grid: { stroke: '#e5e6e7' } },
          { stroke: '#0b0c0c', grid: { stroke: '#e5e6e7' }, incrs: [1, 2, 5, 10, 20, 50], values: (_u, ticks) => ticks.map((t) => String(t)) },
        ],
        series: [
          {},
          ...RISK_SERIES.map((s) => ({ label: s.label, stroke: s.stroke, width: s.width, dash: [...s.dash], points: { show: true, size: 6, fill: s.stroke } })),
        ],
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
