// Opens HTML reports in Debian's Chromium (puppeteer-core, no download) with the network off, and
// collects what a person would notice: console errors, page errors, requests that leave the file.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import puppeteer from 'puppeteer-core';
import type { Browser, Page } from 'puppeteer-core';

/** Where the browser tests leave the reports and screenshots they made (CI artefacts; `out/` is ignored by git). */
export const OUT_DIR = resolve(import.meta.dirname, '../../../../out');
export const SCREENSHOT_DIR = join(OUT_DIR, 'screenshots');
export const REPORT_DIR = join(OUT_DIR, 'reports');

/** Largest platform-40 run report accepted [bytes]; docs/html-report.md states it (a test keeps them equal). */
export const PLATFORM_40_LIMIT_BYTES = 1_000_000;

/** The Chromium binary: Debian's package (`apt-get install chromium`), or `CHROMIUM_PATH`. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** A running browser with a fresh profile, removed on close. */
export interface ReportBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<ReportBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'meshsim-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** An open report and what went wrong while it loaded and drew. */
export interface OpenReport {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests for anything but the file itself (a self-contained page makes none). */
  requests: string[];
  /** The report's size [bytes]. */
  bytes: number;
}

/**
 * Writes `html` to `out/reports/<name>.html`, opens it from disk in a new page (light or dark) and waits
 * until its script says it is done drawing (`body[data-ready]`).
 */
export async function openReport(
  browser: Browser,
  name: string,
  html: string,
  scheme: 'light' | 'dark' = 'light',
): Promise<OpenReport> {
  mkdirSync(REPORT_DIR, { recursive: true });
  const file = join(REPORT_DIR, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) =>
    errors.push(`page: ${error instanceof Error ? error.message : String(error)}`),
  );
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url() === url || request.url().startsWith('data:')) {
      void request.continue();
    } else {
      requests.push(request.url());
      void request.abort();
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready]', { timeout: 30_000 }).catch(() => {
    errors.push('the report script never finished (no body[data-ready])');
  });
  return { page, errors, requests, bytes: Buffer.byteLength(html) };
}

/** What one chart figure drew. */
export interface DrawnChart {
  id: string;
  kind: string;
  /** How many lines or bars the page says it must draw. */
  expected: number;
  /** Lines (paths of Plot's line marks) or bars (rects of its bar marks, highlight excluded) drawn. */
  drawn: number;
  /** Whether the figure holds an SVG with a non-empty size. */
  hasSvg: boolean;
}

/** Every chart figure of the page, with what it was asked to draw and what it drew. */
export async function drawnCharts(page: Page): Promise<DrawnChart[]> {
  return page.$$eval('figure[data-chart]', (figures) =>
    figures.map((element) => {
      const kind = element.getAttribute('data-kind') ?? '';
      const svg = element.querySelector('.plot svg');
      const box = svg?.getBoundingClientRect();
      const lines = element.querySelectorAll('g[aria-label="line"] path').length;
      // The data's bars (another bar mark outlines the bars under the keyboard cursor).
      const bars = element.querySelectorAll('g.data-bars rect').length;
      return {
        id: element.getAttribute('data-chart') ?? '',
        kind,
        expected: Number(element.getAttribute('data-marks')),
        drawn: kind === 'lines' ? lines : bars,
        hasSvg: box !== undefined && box.width > 0 && box.height > 0,
      };
    }),
  );
}

/**
 * Saves a screenshot of the first screen (the viewport, 1280 × 900: title, story and first charts) as
 * `out/screenshots/<name>.png`. PERF: full-page shots of the long reports were PNGs of up to 5 MB and took
 * a third of the browser tests' time; the report itself is left in `out/reports/` to open whole.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
