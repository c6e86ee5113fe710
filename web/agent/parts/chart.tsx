/**
 * A chart drawn by Chart.js (only the pieces the console uses are registered, so the bundle carries only them).
 * The canvas is described by `label` for screen readers; pages show the numbers in a table beside each chart.
 */
import { useEffect, useRef } from 'react';
import { useTheme } from '../../shared/theme';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, DoughnutController, ArcElement, CategoryScale, LinearScale, Filler, Legend, Tooltip);

export const CHART_COLOURS = ['#1f6feb', '#2da44e', '#d9822b', '#cf222e', '#8250df', '#57606a', '#0a7ea4', '#bf8700'];

export interface ChartProps {
  type: 'bar' | 'line' | 'doughnut';
  labels: string[];
  series: Array<{ label: string; data: number[]; colour?: string }>;
  /** What the chart shows, for screen readers. */
  label: string;
  height?: number;
  /** Horizontal bars (long category names). */
  horizontal?: boolean;
  /** A doughnut's colour per label (good green, bad red), instead of the palette. */
  colours?: string[];
}

export function ChartView({ type, labels, series, label, height = 220, horizontal = false, colours }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const { theme } = useTheme();
  useEffect(() => {
    if (!canvas.current) return;
    // Text, grid and slice borders in the theme's tokens (Chart.js draws on a canvas, where CSS does not reach).
    const token = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    Chart.defaults.color = token('--muted') || Chart.defaults.color;
    Chart.defaults.borderColor = token('--line') || Chart.defaults.borderColor;
    const config: ChartConfiguration = {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.data,
          backgroundColor: type === 'doughnut' ? labels.map((_, j) => colours?.[j] ?? CHART_COLOURS[j % CHART_COLOURS.length]!) : (s.colour ?? CHART_COLOURS[i % CHART_COLOURS.length]!),
          borderColor: type === 'line' ? (s.colour ?? CHART_COLOURS[i % CHART_COLOURS.length]!) : type === 'doughnut' ? token('--surface') || undefined : undefined,
          fill: type === 'line' ? 'origin' : undefined,
          tension: 0.25,
          pointRadius: type === 'line' ? 2 : undefined,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: type === 'doughnut' || series.length > 1, position: 'bottom' } },
        // Counts: whole numbers on the value axis.
        scales: type === 'doughnut' ? {} : { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [type, JSON.stringify(labels), JSON.stringify(series), horizontal, JSON.stringify(colours), theme]);
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={label} data-chart={type} />
    </div>
  );
}
