/**
 * Colours for the app and its charts.
 *
 * The series and state colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal
 * Design", 2008), chosen so that the eight hues stay distinguishable under the common forms of
 * colour blindness. Charts receive a resolved `ChartTheme` (plain hex strings, not CSS
 * variables), so an exported SVG or PNG looks the same outside the page.
 */

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export type ThemeName = 'light' | 'dark';

export interface ChartTheme {
  name: ThemeName;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  cursor: string;
  tooltipBackground: string;
  fontFamily: string;
  /** The neutral series colour (black on light, near-white on dark). */
  neutral: string;
  series: typeof OKABE_ITO;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const CHART_THEMES: Record<ThemeName, ChartTheme> = {
  light: {
    name: 'light',
    background: '#ffffff',
    foreground: '#1d232b',
    muted: '#5b6573',
    grid: '#e3e7ec',
    cursor: '#1d232b',
    tooltipBackground: '#ffffff',
    fontFamily: FONT,
    neutral: '#1d232b',
    series: OKABE_ITO,
  },
  dark: {
    name: 'dark',
    background: '#161b22',
    foreground: '#e6edf3',
    muted: '#9aa6b2',
    grid: '#2b333d',
    cursor: '#e6edf3',
    tooltipBackground: '#0d1117',
    fontFamily: FONT,
    neutral: '#e6edf3',
    series: OKABE_ITO,
  },
};
