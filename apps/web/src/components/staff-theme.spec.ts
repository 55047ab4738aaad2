import { describe, expect, it } from '@jest/globals';
import { createStaffTheme, staffColors } from './staff-theme';

function luminance(hex: string): number {
  const channel = (start: number) => {
    const value = parseInt(hex.slice(start, start + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE = '#ffffff';
const PAGE = '#f4f6fa';
const colors: Record<string, readonly string[]> = staffColors;
const staffTheme = createStaffTheme({ close: 'Закрыть', clear: 'Очистить' });
const shade = (name: string, index: number): string => {
  const value = colors[name]?.[index];
  if (!value) throw new Error(`no ${name}.${index} in the theme`);
  return value;
};

describe('the staff theme meets WCAG 2.1 AA contrast', () => {
  it.each(['blue', 'red', 'green', 'teal', 'orange', 'yellow', 'grape', 'gray'])(
    '%s.6 (filled controls, links, outlines, focus ring) is 4.5:1 on white and on the page background',
    (name) => {
      expect(contrast(shade(name, 6), WHITE)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(shade(name, 6), PAGE)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(['blue', 'red', 'green', 'teal', 'orange', 'yellow', 'grape', 'gray'])(
    '%s.9 (text of light badges and alerts) is 4.5:1 on the light background (shade 1)',
    (name) => {
      expect(contrast(shade(name, 9), shade(name, 1))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('draws control borders (gray.4) at 3:1 on white', () => {
    expect(contrast(shade('gray', 4), WHITE)).toBeGreaterThanOrEqual(3);
  });

  it('uses the blue as primary colour at its accessible shade', () => {
    expect(staffTheme.primaryColor).toBe('blue');
    expect(staffTheme.primaryShade).toBe(6);
  });
});
