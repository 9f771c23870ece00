// The web console in a real browser (issue 15): Debian's Chromium driven by playwright-core
// (which downloads no browser), one screenshot and one accessibility scan per step, and every
// console error, failed page script and request kept for the test to assert on.
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots of the browser tests, one folder per test file (README names it). */
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/console');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function launchChromium(): Promise<Browser> {
  const executablePath = CHROMIUM.find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error(`Chromium not found (${CHROMIUM.join(', ')}): .ci/run installs Debian's chromium package`);
  // Root in CI: Chromium's sandbox needs an unprivileged user, so it is off for these tests.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: { target: unknown }[];
}

export class ConsoleSession {
  readonly errors: string[] = [];
  readonly urls: string[] = [];
  private step = 0;

  private constructor(readonly context: BrowserContext, readonly page: Page, private readonly dir: string) {
    page.on('console', (msg) => { if (msg.type() === 'error') this.errors.push(`${msg.text()} ${msg.location().url}`); });
    page.on('pageerror', (err) => this.errors.push(`page error: ${err.message}`));
    page.on('request', (req) => this.urls.push(req.url()));
    page.on('framenavigated', (frame) => this.urls.push(frame.url()));
  }

  static async open(browser: Browser, name: string, viewport = { width: 1280, height: 800 }): Promise<ConsoleSession> {
    const dir = path.join(ARTIFACTS, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const context = await browser.newContext({ viewport });
    return new ConsoleSession(context, await context.newPage(), dir);
  }

  /** Saves `NN-<label>.png` and answers the serious or critical accessibility violations. */
  async checkpoint(label: string): Promise<AxeViolation[]> {
    this.step += 1;
    await this.page.screenshot({ path: path.join(this.dir, `${String(this.step).padStart(2, '0')}-${label}.png`), fullPage: true });
    // Through the DevTools protocol, not a <script> tag: the page's CSP allows no inline script.
    if (!(await this.page.evaluate(() => 'axe' in window))) await this.page.evaluate(axe.source);
    const violations = await this.page.evaluate(async () => {
      const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } };
      return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
