import {
  Button,
  createTheme,
  Drawer,
  Menu,
  Modal,
  MultiSelect,
  Notification,
  Select,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

/*
 * Mantine's own palettes put shade 6 (filled buttons, links, outlines, the focus ring) at about
 * 3.3:1 on white, below WCAG 2.1 AA. These keep Mantine's light shades 0–3 (backgrounds) and
 * darken the rest so that, in the light scheme:
 * - shade 6 (white text on a filled control; coloured text, outlines and the focus ring on white
 *   or on the page's #f4f6fa) reaches at least 4.5:1;
 * - shade 9 (the text of light badges and alerts) reaches 4.5:1 on shade 1;
 * - gray 4 (the border of inputs, checkboxes, radios and default buttons) reaches 3:1 on white.
 * The blue is the site's accent (--accent in globals.css, 6.4:1 on white).
 */
const blue: MantineColorsTuple = [
  '#e7f5ff',
  '#d0ebff',
  '#a5d8ff',
  '#74c0fc',
  '#4dabf7',
  '#1971c2',
  '#0b57d0',
  '#0a4bb5',
  '#083f99',
  '#06347d',
];
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#e03131',
  '#c92a2a',
  '#b02525',
  '#962020',
  '#7d1a1a',
];
const green: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#69db7c',
  '#2b8a3e',
  '#2b7a3b',
  '#236b32',
  '#1d5c2a',
  '#174d22',
];
const teal: MantineColorsTuple = [
  '#e6fcf5',
  '#c3fae8',
  '#96f2d7',
  '#63e6be',
  '#38d9a9',
  '#0ca678',
  '#087f5b',
  '#077350',
  '#066446',
  '#05553b',
];
const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#e8590c',
  '#b8470b',
  '#9c3c09',
  '#853307',
  '#6e2a06',
];
const yellow: MantineColorsTuple = [
  '#fff9db',
  '#fff3bf',
  '#ffec99',
  '#ffe066',
  '#ffd43b',
  '#c28a00',
  '#8f5300',
  '#7a4700',
  '#663b00',
  '#5c3100',
];
const grape: MantineColorsTuple = [
  '#f8f0fc',
  '#f3d9fa',
  '#eebefa',
  '#e599f7',
  '#da77f2',
  '#ae3ec9',
  '#9c36b5',
  '#862e9c',
  '#702682',
  '#5f1f6e',
];
const gray: MantineColorsTuple = [
  '#f8f9fa',
  '#f1f3f5',
  '#e9ecef',
  '#dee2e6',
  '#878f99',
  '#6f7782',
  '#5f6873',
  '#495057',
  '#343a40',
  '#212529',
];

export const staffColors = { blue, red, green, teal, orange, yellow, grape, gray };

/** Texts Mantine's components need but do not have: passed from the page's locale. */
export interface StaffThemeTexts {
  close: string;
  clear: string;
}

export function createStaffTheme(texts: StaffThemeTexts) {
  return createTheme({
    fontFamily: 'var(--font)',
    primaryColor: 'blue',
    primaryShade: 6,
    colors: staffColors,
    // Transitions off for people who asked their system for less motion.
    respectReducedMotion: true,
    components: {
      // Every close button says what it does, in the page's language.
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': texts.close } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': texts.close } } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': texts.close } } }),
      Select: Select.extend({ defaultProps: { clearButtonProps: { 'aria-label': texts.clear } } }),
      MultiSelect: MultiSelect.extend({ defaultProps: { clearButtonProps: { 'aria-label': texts.clear } } }),
      // A long label («Стереть данные учеников и родителей…») wraps onto a second line instead of pushing the
      // page sideways on a phone or at 200 % zoom; a one-line button keeps Mantine's height.
      Button: Button.extend({
        styles: {
          root: {
            display: 'inline-flex',
            alignItems: 'center',
            justifyContent: 'center',
            height: 'auto',
            minHeight: 'var(--button-height)',
            paddingBlock: 4,
            maxWidth: '100%',
          },
          label: { whiteSpace: 'normal', textAlign: 'center', overflow: 'visible', lineHeight: 1.3 },
        },
      }),
      Menu: Menu.extend({
        defaultProps: {
          // Mantine's focus placeholder is a role="presentation" child of role="menu", which ARIA forbids;
          // without it the menu itself takes the focus and the arrow keys move into its items.
          withInitialFocusPlaceholder: false,
        },
      }),
    },
  });
}

export const staffCssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    // Mantine's default grey for secondary text is too light for small print: the site's muted text.
    '--mantine-color-dimmed': 'var(--text-muted)',
    // Placeholders are read as hints: 4.5:1 like any text (gray 6).
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
