import type { sheets_v4 } from '@googleapis/sheets';

/** Google's 0–1 RGB from a hex colour. */
function rgb(hex: string): sheets_v4.Schema$Color {
  const value = Number.parseInt(hex.slice(1), 16);
  return { red: ((value >> 16) & 255) / 255, green: ((value >> 8) & 255) / 255, blue: (value & 255) / 255 };
}

export const HEADER_BACKGROUND = rgb('#e8eaed');
export const CAP_BACKGROUND = rgb('#fef7e0');
export const NOTE_TEXT = rgb('#5f6368');

/** Light fills for segment and tier rows: readable under black text, distinct side by side. */
export const CATEGORY_FILLS: readonly sheets_v4.Schema$Color[] = [
  '#d2e3fc',
  '#ceead6',
  '#fce8b2',
  '#fad2cf',
  '#e9d2fd',
  '#c9f0ef',
  '#fde1c7',
  '#dadce0',
  '#f6d5e5',
  '#e2edc5',
].map(rgb);
