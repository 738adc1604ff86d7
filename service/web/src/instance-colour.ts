/**
 * A stable colour per instance id, so one instance looks the same in every
 * panel and on every refresh. The colour only helps the eye: the id is always
 * printed next to it.
 */

/** FNV-1a, 32 bits: spreads similar ids (vmss_0, vmss_1) over distant values. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/**
 * Returns an HSL colour whose hue comes from the id. Lightness 34 % with
 * saturation 70 % keeps every hue at a contrast of at least 3:1 against white,
 * the WCAG 2.2 minimum for graphical objects (success criterion 1.4.11).
 */
export function instanceColour(instanceId: string): string {
  const hue = hash(instanceId) % 360;
  return `hsl(${hue} 70% 34%)`;
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
