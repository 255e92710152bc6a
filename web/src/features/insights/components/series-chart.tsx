import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** Told apart by colour and by line style (dashed), never by colour alone. */
  stroke: string;
  dash?: number[];
}

interface SeriesChartProps {
  id: string;
  title: string;
  /** One sentence a screen reader hears instead of the picture. */
  summary: string;
  labels: string[];
  /** Bucket starts, seconds since the epoch (uPlot's x axis). */
  xs: number[];
  series: ChartSeries[];
  unit: string;
  formatValue?: (value: number | null) => string;
}

/**
 * A line chart (uPlot, canvas) with what it shows in words and as a table: the canvas is hidden
 * from assistive technology, the summary and the table carry the same numbers.
 */
export function SeriesChart({ id, title, summary, labels, xs, series, unit, formatValue = (v) => (v === null ? '–' : String(v)) }: SeriesChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    // The box's own width: a floor above it (280 px was) made the chart wider than its card at 320 px,
    // cutting off the last date and the legend. A floor only for a box not laid out yet.
    const width = () => el.clientWidth || 280;
    const plot = new uPlot(
      {
        width: width(),
        height: 220,
        // Room on the right for the last date, which is centred on its tick.
        padding: [8, 20, 0, 0],
        scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, max ?? 1)] } },
        axes: [
          { stroke: '#0b0c0c', grid: { stroke: '#e1e3e4' } },
          { stroke: '#0b0c0c', grid: { stroke: '#e1e3e4' }, label: unit, size: 56 },
        ],
        legend: { show: true },
        series: [{ label: 'From' }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2, dash: s.dash, points: { show: true, size: 5 } }))],
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [xs, series, unit]);

  return (
    <figure className="insights-chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
        <p className="insights-chart__summary">{summary}</p>
      </figcaption>
      <div ref={holder} className="insights-chart__canvas" aria-hidden="true" />
      <details className="insights-chart__table">
        <summary>Show the numbers as a table</summary>
        <div className="insights-table-wrap" tabIndex={0} role="region" aria-label={`${title}: table`}>
          <table className="insights-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{formatValue(s.values[i])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
