/**
 * A stable colour per instance id, so one instance looks the same in every
 * panel and on every refresh. The colour only helps the eye: the id is always
 * printed next to it.
 */

/**
 * Ten colours far apart in hue, each at a contrast of at least 3:1 against the
 * white panels and the grey bar track: the WCAG 2.2 minimum for graphical
 * objects (success criterion 1.4.11). A test checks the ratios.
 */
export const instancePalette = [
  '#1f6fb4',
  '#c05500',
  '#2a7f2a',
  '#c62828',
  '#7048a8',
  '#8c564b',
  '#b03a8a',
  '#66670a',
  '#0b7885',
  '#4a5a7a',
];

/** FNV-1a, 32 bits: spreads similar ids (vmss_0, vmss_1) over distant values. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** Returns the palette colour of an instance id; two ids can share a colour, never a label. */
export function instanceColour(instanceId: string): string {
  return instancePalette[hash(instanceId) % instancePalette.length];
}

/** Creates the swatch and id pair that stands for one instance everywhere on the page. */
export function instanceBadge(instanceId: string): HTMLSpanElement {
  const badge = document.createElement('span');
  badge.className = 'instance';

  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  swatch.setAttribute('aria-hidden', 'true');
  // Set through the CSSOM, which the Content-Security-Policy allows, unlike a style attribute.
  swatch.style.backgroundColor = instanceColour(instanceId);

  const id = document.createElement('span');
  id.className = 'instance-id';
  id.textContent = instanceId;

  badge.append(swatch, id);
  return badge;
}
