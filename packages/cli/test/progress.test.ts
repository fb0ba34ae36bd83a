import { describe, expect, it } from 'vitest';

import {
  PROGRESS_LINE_MIN_MS,
  ProgressBar,
  SweepProgressLines,
  formatDoneLine,
  formatProgressLine,
  formatProgressLogLine,
  formatStallLine,
} from '../src/progress.js';
import { captureIo } from './__helpers__/io.js';

describe('formatProgressLine', () => {
  it('formatProgressLine(simulatedMs, totalMs) draws a 10-cell bar, the percentage and simulated seconds', () => {
    expect(formatProgressLine(40_500, 90_000)).toBe('[#####-----] 45% 40.5 s / 90 s simulated');
    expect(formatProgressLine(0, 90_000)).toBe('[----------] 0% 0.0 s / 90 s simulated');
    expect(formatProgressLine(120_000, 120_000)).toBe('[##########] 100% 120.0 s / 120 s simulated');
  });

  it('formatProgressLine clamps to [0, 100] % and survives a zero total', () => {
    expect(formatProgressLine(200, 100)).toContain('100%');
    expect(formatProgressLine(29, 100)).toContain(' 29% ');
    expect(formatProgressLine(0, 0)).not.toMatch(/NaN|Infinity/);
  });
});

describe('formatDoneLine', () => {
  it('formatDoneLine(wallMs, events) gives wall seconds, events and the event rate', () => {
    expect(formatDoneLine(3200, 4_000_000)).toBe('done in 3.2 s wall, 4,000,000 events (1.25 M events/s)');
    expect(formatDoneLine(500, 1000)).toBe('done in 0.5 s wall, 1,000 events (2.0 k events/s)');
    expect(formatDoneLine(0, 0)).toBe('done in 0.0 s wall, 0 events (– events/s)');
  });
});

describe('ProgressBar', () => {
  it('ProgressBar.update draws nothing before delayMs, then redraws at most every minIntervalMs', () => {
    // Arrange
    let now = 0;
    const io = captureIo({ isTTY: true });
    const bar = new ProgressBar(io.stderr, { delayMs: 300, minIntervalMs: 100, now: () => now });

    // Act + Assert
    now = 100;
    bar.update(1000, 10_000);
    expect(io.err()).toBe('');
    now = 400;
    bar.update(2000, 10_000);
    expect(io.err()).toBe('\r[##--------] 20% 2.0 s / 10 s simulated\x1b[K');
    now = 450;
    bar.update(3000, 10_000);
    expect(io.err().split('\r')).toHaveLength(2);
    now = 600;
    bar.update(4000, 10_000);
    expect(io.err()).toContain('40% 4.0 s');
  });

  it('ProgressBar.clear erases a drawn bar and writes nothing otherwise', () => {
    let now = 0;
    const io = captureIo({ isTTY: true });
    const bar = new ProgressBar(io.stderr, { delayMs: 0, minIntervalMs: 0, now: () => now });
    bar.clear();
    expect(io.err()).toBe('');
    now = 1;
    bar.update(1, 2);
    bar.clear();
    expect(io.err().endsWith('\r\x1b[K')).toBe(true);
  });
});

describe('progress by events, and stalls', () => {
  it('formatProgressLine shows the events when given, and formatStallLine says time stands still', () => {
    expect(formatProgressLine(40_500, 90_000, 10, 1_234_567)).toBe(
      '[#####-----] 45% 40.5 s / 90 s simulated, 1,234,567 events',
    );
    expect(formatStallLine(40_500, 3_000_000, 2100)).toBe(
      'simulated time stalled at 40.5 s: 3,000,000 events in 2.1 s wall without time advancing',
    );
  });

  it('ProgressBar prints one stall line when simulated time stands still for stallAfterMs while events fire', () => {
    let now = 0;
    const io = captureIo({ isTTY: true });
    const bar = new ProgressBar(io.stderr, {
      delayMs: 0,
      minIntervalMs: 0,
      stallAfterMs: 2000,
      now: () => now,
    });
    bar.update(1000, 10_000, 100);
    now = 1000;
    bar.update(1000, 10_000, 70_000);
    expect(io.err()).not.toContain('stalled');
    now = 2500;
    bar.update(1000, 10_000, 140_000);
    now = 3000;
    bar.update(1000, 10_000, 210_000);
    const stallLines = io
      .err()
      .split('\n')
      .filter((line) => line.includes('stalled'));
    expect(stallLines.map((line) => line.slice(line.lastIndexOf('\r')))).toEqual([
      '\r\x1b[Ksimulated time stalled at 1.0 s: 139,900 events in 2.5 s wall without time advancing',
    ]);
    expect(io.err().endsWith('[#---------] 10% 1.0 s / 10 s simulated, 210,000 events\x1b[K')).toBe(true);
    // Time moves again: a later stall is reported again.
    now = 4000;
    bar.update(2000, 10_000, 220_000);
    now = 7000;
    bar.update(2000, 10_000, 300_000);
    expect(io.err().match(/stalled/g)).toHaveLength(2);
  });
});

describe('SweepProgressLines (a sweep off a terminal)', () => {
  it('formatProgressLogLine gives runs done of all, the wall time and the ETA from the runs of this session', () => {
    expect(formatProgressLogLine(400, 10_000, 20_300, 400)).toBe(
      '[400/10000] runs done at 20.3 s, ETA 8 min 7 s',
    );
    expect(formatProgressLogLine(300, 1000, 0, 0)).toBe('[300/1000] runs done at 0.0 s, ETA –');
    expect(formatProgressLogLine(10, 10, 4200, 10)).toBe('[10/10] runs done at 4.2 s');
  });

  it('writes whole lines, never a redraw, and always the last run', () => {
    let now = 0;
    const io = captureIo();
    const lines = new SweepProgressLines(io.stderr, () => now);
    lines.update(0, 2);
    now = 100;
    lines.update(1, 2);
    now = 200;
    lines.update(2, 2);
    lines.update(2, 2);
    expect(io.err()).toBe('[2/2] runs done at 0.2 s\n');
  });

  it('a 10,000-run sweep of 10 s writes at most a line per 5 s; one of 10 h at most a line per 1 % of the runs', () => {
    const count = (spanMs: number): string[] => {
      let now = 0;
      const io = captureIo();
      const lines = new SweepProgressLines(io.stderr, () => now);
      lines.update(0, 10_000);
      for (let done = 1; done <= 10_000; done++) {
        now = (done * spanMs) / 10_000;
        lines.update(done, 10_000);
      }
      return io.err().trimEnd().split('\n');
    };
    const fast = count(10_000);
    expect(fast).toEqual(['[5000/10000] runs done at 5.0 s, ETA 5 s', '[10000/10000] runs done at 10.0 s']);
    const slow = count(36_000_000);
    expect(slow).toHaveLength(100);
    expect(slow[0]).toBe('[100/10000] runs done at 360.0 s, ETA 9 h 54 min');
    expect(slow.every((line) => /^\[\d+\/10000\] runs done at /.test(line))).toBe(true);
    expect(PROGRESS_LINE_MIN_MS).toBe(5000);
  });

  it('a resumed sweep counts the runs in the store from the first call, and its ETA from the runs it makes', () => {
    let now = 0;
    const io = captureIo();
    const lines = new SweepProgressLines(io.stderr, () => now);
    lines.update(500, 1000);
    now = 5000;
    lines.update(600, 1000);
    expect(io.err()).toBe('[600/1000] runs done at 5.0 s, ETA 20 s\n');
  });
});
