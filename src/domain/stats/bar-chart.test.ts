import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHART_SIZES, layoutBarChart, MAX_BAR_PERCENT, wrapText } from './bar-chart.ts';

describe('the bar chart geometry', () => {
  it('scales the longest bar to leave room for its number, and the others in proportion', () => {
    const layout = layoutBarChart({
      categories: [
        { label: 'Opening', values: [40] },
        { label: 'Panel', values: [10] },
        { label: 'Closing', values: [0] },
      ],
      series: ['People'],
    });
    assert.deepEqual(
      layout.rows.map((row) => row.bars.map((bar) => bar.widthPercent)),
      [[MAX_BAR_PERCENT], [20], [0]],
    );
    assert.deepEqual(layout.legend, [], 'one series needs no key');
  });

  it('shows a small value as a sliver rather than nothing', () => {
    const layout = layoutBarChart({
      categories: [
        { label: 'Big', values: [10_000] },
        { label: 'Small', values: [1] },
      ],
      series: ['People'],
    });
    assert.equal(layout.rows[1]?.bars[0]?.widthPercent, 0.5);
  });

  it('draws nothing but zeros when every value is zero', () => {
    const layout = layoutBarChart({
      categories: [{ label: 'A', values: [0, 0] }],
      series: ['Q', 'M'],
    });
    assert.deepEqual(
      layout.rows[0]?.bars.map((bar) => bar.widthPercent),
      [0, 0],
    );
  });

  it('puts a key first for two series, then each category’s label above its bars, nothing overlapping', () => {
    const layout = layoutBarChart({
      categories: [
        { label: 'Breakout round 3: your priority for the next six months', values: [3, 12] },
        { label: 'Closing', values: [1, 0] },
      ],
      series: ['Questions', 'Messages'],
    });
    assert.deepEqual(
      layout.legend.map((entry) => entry.label),
      ['Questions', 'Messages'],
    );
    const first = layout.rows[0]!;
    assert.equal(first.labelLines.length, 2, 'a long title wraps');
    let bottom = Math.max(...layout.legend.map((entry) => entry.swatchY + CHART_SIZES.lineHeight));
    for (const row of layout.rows) {
      for (const line of row.labelLines) {
        assert.ok(line.y - CHART_SIZES.fontSize >= bottom - CHART_SIZES.lineHeight / 2);
        bottom = line.y;
      }
      for (const bar of row.bars) {
        assert.ok(bar.y > bottom - CHART_SIZES.fontSize / 2, 'bars sit below their label');
        bottom = bar.y + bar.height;
      }
    }
    assert.ok(layout.height >= bottom, 'the chart is tall enough for everything');
  });
});

describe('wrapping labels', () => {
  it('breaks at spaces within the width', () => {
    assert.deepEqual(wrapText('Working with procurement, not around it', 20), [
      'Working with',
      'procurement, not',
      'around it',
    ]);
  });

  it('cuts a word longer than a line', () => {
    assert.deepEqual(wrapText('abcdefghij kl', 4), ['abcd', 'efgh', 'ij', 'kl']);
  });
});
