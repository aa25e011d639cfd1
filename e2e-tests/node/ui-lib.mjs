// Shared by the web UI scripts: Debian's Chromium driven by playwright-core, as the machine's probe starts it, and
// a page that records console errors, uncaught exceptions and failed requests.
import { chromium } from "playwright-core";

export const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let current = "";

/** Names the behaviour being checked, so that a failure says where it happened. */
export function step(name) {
  current = name;
}

/** Prints the failure as the script's one JSON line and exits 1. */
export function fail(message) {
  console.log(JSON.stringify({ ok: false, step: current, message }));
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) fail(message);
}

/** A browser with a fresh profile (playwright-core gives each launch a new --user-data-dir). */
export function launch() {
  // answers fulfilled by serveFrom carry no address space, and Chromium's local network checks would then refuse
  // the page's WebSocket to the gateway
  const args = process.env.UI_SRC ? [...ARGS, "--disable-features=LocalNetworkAccessChecks"] : ARGS;
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args });
}

/**
 * A page in a new context that records console errors, page errors and requests that failed or got an error status
 * (page.problems), and any request to another host (page.foreign).
 */
export async function open(browser, base, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, ...options });
  if (process.env.UI_SRC) await serveFrom(context, base, process.env.UI_SRC);
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  page.problems = [];
  page.foreign = [];
  const host = new URL(base).host;
  page.on("console", (m) => { if (m.type() === "error") page.problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => page.problems.push("page error: " + e.message));
  page.on("requestfailed", (r) => page.problems.push("request failed: " + r.url()));
  page.on("response", (r) => { if (r.status() >= 400) page.problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on("request", (r) => { if (!r.url().startsWith("data:") && !r.url().startsWith("blob:") && new URL(r.url()).host !== host) page.foreign.push(r.url()); });
  return page;
}

/** Whether the page scrolls sideways (something wider than the window). */
export function overflowX(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * For working on the pages without rebuilding the gateway: with UI_SRC set to the gateway's
 * src/main/resources/META-INF/resources folder, the page's own files are answered from there (the API still from the
 * gateway). The tests never set it.
 */
async function serveFrom(context, base, dir) {
  const { readFile } = await import("node:fs/promises");
  const types = { html: "text/html", js: "text/javascript", css: "text/css", svg: "image/svg+xml" };
  await context.route((url) => url.origin === new URL(base).origin && /(^\/$|\.(html|js|css|svg)$)/.test(url.pathname), async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = dir + (path === "/" ? "/index.html" : path);
    try {
      await route.fulfill({ body: await readFile(file), contentType: types[file.split(".").pop()] });
    } catch {
      await route.continue();
    }
  });
}
