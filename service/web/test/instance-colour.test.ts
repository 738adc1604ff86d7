import { instanceColour, instancePalette } from '../src/instance-colour';

/** WCAG 2.2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

// The panel background and the bar track colour in styles.css.
const backgrounds = ['#ffffff', '#e3e7ec'];

describe('instance colour', () => {
  const pairs = instancePalette.flatMap((colour) => backgrounds.map((background) => [colour, background]));

  it.each(pairs)('%s contrasts 3:1 with %s', (colour, background) => {
    expect(contrast(colour, background)).toBeGreaterThanOrEqual(3);
  });

  it('is the same for the same id', () => {
    expect(instanceColour('vmss-app_3f9a1c07')).toBe(instanceColour('vmss-app_3f9a1c07'));
  });

  it('spreads numbered ids over the palette', () => {
    const colours = new Set(Array.from({ length: 20 }, (_, index) => instanceColour(`vmss_${index}`)));
    expect(colours.size).toBeGreaterThanOrEqual(6);
  });
});
