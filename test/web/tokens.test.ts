/**
 * One design system: the tokens of web/shared/tokens.css are the ones the server-rendered pages and the chat
 * widget use (same names, same values, light and dark), and the text pairs the pages use read at WCAG AA
 * (4.5:1) in both themes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CSS as WIDGET_CSS } from '../../web/widget/styles.js';

const TOKENS = readFileSync('web/shared/tokens.css', 'utf8');
const SERVER = readFileSync('src/http/pages/base.css', 'utf8');

/** The custom properties declared in the first rule whose selector is `selector`. */
function block(css: string, selector: string): Map<string, string> {
  const at = css.indexOf(`${selector} {`) >= 0 ? css.indexOf(`${selector} {`) : css.indexOf(`${selector}{`);
  assert.ok(at >= 0, `${selector} is declared`);
  const body = css.slice(at, css.indexOf('}', at));
  return new Map([...body.matchAll(/--([\w-]+):\s*([^;]+);?/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const LIGHT = block(TOKENS, ':root');
const DARK = block(TOKENS, ":root[data-theme='dark']");

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function ratio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('light and dark declare the same tokens', () => {
  const colours = [...LIGHT.keys()].filter((k) => LIGHT.get(k)!.startsWith('#'));
  assert.ok(colours.length >= 30, `${colours.length} colour tokens`);
  for (const k of colours) assert.ok(DARK.has(k), `dark mode sets --${k}`);
  for (const k of ['space-1', 'space-4', 'radius', 'radius-lg', 'text-sm', 'text-xl', 'font']) assert.ok(LIGHT.has(k), `--${k} is a token`);
});

test('the server-rendered pages and the chat widget use the same token values, light and dark', () => {
  const places: Array<[string, Map<string, string>, Map<string, string>]> = [
    ['src/http/pages/base.css', block(SERVER, ':root'), block(SERVER, ":root[data-theme='dark']")],
    ['web/widget/styles.ts', block(WIDGET_CSS, '.root'), block(WIDGET_CSS, ':host([data-theme=dark]) .root')],
  ];
  for (const [where, light, dark] of places) {
    assert.ok(light.size >= 15, `${where} declares the tokens (${light.size})`);
    for (const [k, v] of light) assert.equal(v, LIGHT.get(k), `${where}: --${k} (light)`);
    for (const [k, v] of dark) assert.equal(v, DARK.get(k), `${where}: --${k} (dark)`);
    assert.equal(dark.size, light.size, `${where}: every token has its dark value`);
  }
  // The server page follows the system too when the page has no stored choice.
  const media = SERVER.slice(SERVER.indexOf('@media (prefers-color-scheme: dark)'));
  assert.deepEqual(block(media, ':root:not([data-theme])'), block(SERVER, ":root[data-theme='dark']"));
});

test('text on its background reads at 4.5:1 or more, in light and in dark', () => {
  const pairs: Array<[string, string]> = [
    ['fg', 'bg'],
    ['fg', 'surface'],
    ['fg', 'surface-2'],
    ['muted', 'bg'],
    ['muted', 'surface'],
    ['muted', 'surface-2'],
    ['accent', 'bg'],
    ['accent', 'surface'],
    ['accent', 'accent-soft'],
    ['accent-fg', 'accent'],
    ['danger', 'surface'],
    ['danger', 'danger-soft'],
    ['danger-fg', 'danger'],
    ['ok', 'surface'],
    ['ok', 'ok-soft'],
    ['warn', 'warn-soft'],
    ['warn', 'note-bg'],
    ['fg', 'note-bg'],
    ['info-fg', 'info-bg'],
    ['bar-fg', 'bar-bg'],
    ['fg', 'accent-soft'],
    ['fg', 'hover'],
    ...['new', 'open', 'pending', 'on_hold', 'solved', 'closed'].map((s) => ['fg', `status-${s}`] as [string, string]),
  ];
  const weak: string[] = [];
  for (const [theme, tokens] of [
    ['light', LIGHT],
    ['dark', DARK],
  ] as const) {
    for (const [fg, bg] of pairs) {
      const r = ratio(tokens.get(fg)!, tokens.get(bg)!);
      if (!(r >= 4.5)) weak.push(`${theme}: --${fg} on --${bg} = ${r.toFixed(2)}`);
    }
  }
  assert.deepEqual(weak, []);
});

test('the ratio is the WCAG one (black on white is 21:1, a colour on itself 1:1)', () => {
  assert.equal(Math.round(ratio('#000000', '#ffffff')), 21);
  assert.equal(ratio('#0b5cad', '#0b5cad'), 1);
});
