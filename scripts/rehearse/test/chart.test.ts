/** Renders a timeline chart and loads it in headless Chromium, as a reader's browser would. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { describeWithChromium, findChromium } from '../../../test/support/requirements';
import { renderTimelineSvg } from '../chart';
import { sampleTimeline } from './sample-timeline';

describe('renderTimelineSvg', () => {
  it('labels the thresholds and the summary', () => {
    const svg = renderTimelineSvg(sampleTimeline());

    expect(svg).toContain('scale out above 70 %');
    expect(svg).toContain('scale in below 30 %');
    expect(svg).toContain('peak 3 instances, 2 scale-out, 2 scale-in');
    expect(svg).toContain('200 requests, failed: 1 at the balancer (0 during scale-in), 0 at the client');
    expect(svg).toContain('TIME_SCALE 30 (1 s here = 30 s in Azure)');
  });

  it('writes a count of 1 in the singular', () => {
    const timeline = sampleTimeline();
    timeline.summary = { ...timeline.summary, peakInstances: 1, requests: 1, clientErrors: 1 };
    const svg = renderTimelineSvg(timeline);

    expect(svg).toContain('peak 1 instance, ');
    expect(svg).not.toContain('1 instances');
    expect(svg).toContain('>1 request, ');
    expect(svg).toContain('1 at the client<');
  });

  it('keeps the header lines above the first panel title', () => {
    const svg = renderTimelineSvg(sampleTimeline());
    const texts = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" font-size="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((match) => ({
      x: Number(match[1]),
      y: Number(match[2]),
      size: Number(match[3]),
      text: match[4] as string,
    }));
    const panelTitle = texts.find((text) => text.text.startsWith('Instances'));
    // Left-aligned lines share the title's left edge; the legends sit at the right end.
    const header = texts.filter((text) => panelTitle !== undefined && text.x === panelTitle.x && text.y < panelTitle.y);

    expect(panelTitle).toBeDefined();
    expect(header.map((text) => text.text.slice(0, 5))).toEqual(['Autos', 'peak ', '200 r', 'grey:']);
    const lowestHeader = Math.max(...header.map((text) => text.y));
    // A baseline must sit at least the title's font size above the next one, or the glyphs touch.
    expect((panelTitle?.y ?? 0) - lowestHeader).toBeGreaterThanOrEqual(panelTitle?.size ?? 13);
  });

  it('escapes text taken from the timeline', () => {
    const timeline = sampleTimeline();
    timeline.profile = '<spike & co>';

    expect(renderTimelineSvg(timeline)).toContain('profile &lt;spike &amp; co&gt;');
  });
});

describeWithChromium()('timeline chart in Chromium', () => {
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rehearsal-chart-'));
    browser = await chromium.launch({
      executablePath: findChromium(),
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('renders the SVG with every panel', async () => {
    const file = join(folder, 'timeline.svg');
    writeFileSync(file, renderTimelineSvg(sampleTimeline()));
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`file://${file}`);
    const layout = await page.evaluate(() => {
      const svg = document.querySelector('svg') as SVGSVGElement;
      return {
        width: svg.getBoundingClientRect().width,
        height: svg.getBoundingClientRect().height,
        paths: document.querySelectorAll('path').length,
        markers: document.querySelectorAll('polygon').length,
        errorBars: document.querySelectorAll('rect[fill="#c62828"]').length,
        clientErrorBars: document.querySelectorAll('rect[stroke="#7b1fa2"]').length,
      };
    });

    expect(errors).toEqual([]);
    expect(layout.width).toBe(960);
    expect(layout.height).toBeGreaterThan(700);
    expect(layout.paths).toBe(5);
    expect(layout.markers).toBe(4);
    expect(layout.errorBars).toBe(1);
    expect(layout.clientErrorBars).toBe(1);
    await page.close();
  }, 120_000);

  it('loads as an image and takes a screenshot', async () => {
    const file = join(folder, 'timeline.svg');
    writeFileSync(file, renderTimelineSvg(sampleTimeline()));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>chart</title><img id="chart" src="timeline.svg" alt="rehearsal timeline">');
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });

    await page.goto(`file://${join(folder, 'index.html')}`);
    await page.waitForFunction(() => (document.getElementById('chart') as HTMLImageElement).complete, undefined, { timeout: 60_000 });
    const size = await page.evaluate(() => {
      const image = document.getElementById('chart') as HTMLImageElement;
      return { width: image.naturalWidth, height: image.naturalHeight };
    });
    const screenshot = await page.screenshot({ timeout: 90_000 });

    // An image that fails to decode has a natural width of 0.
    expect(size.width).toBe(960);
    expect(size.height).toBeGreaterThan(700);
    expect(screenshot.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(screenshot.length).toBeGreaterThan(20_000);
    await page.close();
  }, 120_000);
});
