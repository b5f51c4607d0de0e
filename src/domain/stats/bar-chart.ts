/**
 * The geometry of a horizontal bar chart, worked out once so the page only draws it. Each
 * category's label sits on its own lines above its bars, so long session titles wrap instead
 * of squeezing the bars; horizontal positions are percentages of the chart's width, so the
 * chart fills any width (down to 320 CSS pixels, WCAG 1.4.10) while its text keeps its size.
 * Vertical positions are CSS pixels.
 */

/** What to draw: one entry per category (a session, a range), one value per series. */
export interface BarChartInput {
  categories: { label: string; values: number[] }[];
  /** The series' names, in the order of each category's values (one name for a single series). */
  series: string[];
}

/** One bar, with the place of its number just past its end. */
export interface BarGeometry {
  series: number;
  value: number;
  y: number;
  height: number;
  /** Share of the chart's width, 0 to MAX_BAR_PERCENT. */
  widthPercent: number;
  /** The baseline of the number written after the bar. */
  valueY: number;
}

/** One category: its label's lines, then its bars. */
export interface BarRowGeometry {
  labelLines: { text: string; y: number }[];
  bars: BarGeometry[];
}

/** Everything the page draws. */
export interface BarChartLayout {
  height: number;
  /** A key to the series, only when there is more than one. */
  legend: { series: number; label: string; y: number; swatchY: number }[];
  rows: BarRowGeometry[];
}

/** The sizes the geometry uses, in CSS pixels; the page's stylesheet sets the same font size. */
export const CHART_SIZES = {
  fontSize: 15,
  lineHeight: 20,
  barHeight: 20,
  barGap: 4,
  rowGap: 16,
  /** Characters per label line: about what fits in 280 CSS pixels (a 320-pixel screen). */
  labelChars: 34,
} as const;

/** The longest bar leaves room after it for its number. */
export const MAX_BAR_PERCENT = 80;

/** Breaks text into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Lays out a horizontal bar chart: bars scaled to the largest value, labels wrapped above them. */
export function layoutBarChart(input: BarChartInput): BarChartLayout {
  const { fontSize, lineHeight, barHeight, barGap, rowGap, labelChars } = CHART_SIZES;
  const largest = Math.max(0, ...input.categories.flatMap((c) => c.values));
  const baseline = (top: number, height: number) => top + height / 2 + fontSize * 0.35;
  let y = 0;
  const legend =
    input.series.length > 1
      ? input.series.map((label, series) => {
          const top = y;
          y += lineHeight + barGap;
          return { series, label, y: baseline(top, lineHeight), swatchY: top + 2 };
        })
      : [];
  if (legend.length > 0) y += rowGap;
  const rows = input.categories.map((category) => {
    const labelLines = wrapText(category.label, labelChars).map((text) => {
      const line = { text, y: baseline(y, lineHeight) };
      y += lineHeight;
      return line;
    });
    y += barGap;
    const bars = category.values.map((value, series) => {
      const top = y;
      y += barHeight + barGap;
      const share = largest === 0 ? 0 : (value / largest) * MAX_BAR_PERCENT;
      return {
        series,
        value,
        y: top,
        height: barHeight,
        // The smallest value above nothing still shows as a sliver.
        widthPercent: value > 0 ? Math.max(0.5, Math.round(share * 100) / 100) : 0,
        valueY: baseline(top, barHeight),
      };
    });
    y += rowGap - barGap;
    return { labelLines, bars };
  });
  return { height: Math.max(y - rowGap, 0) + 2, legend, rows };
}
