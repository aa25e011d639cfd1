// The web UI in a real headless browser (Debian's Chromium driven by playwright-core).
// Usage: node ui.mjs <gateway base URL> <short-answer model> <long-answer model>
// Prints one JSON line with what it saw; exits 1 with a message on the first failure.
import { chromium } from "playwright-core";

const [base, shortModel, longModel] = process.argv.slice(2);
const fail = (message) => { console.log(JSON.stringify({ ok: false, message })); process.exit(1); };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const seen = {};
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);

  // Chat: type a message and see the streamed answer appear, with its statistics.
  await page.goto(base + "/");
  await page.waitForSelector(`[data-testid=model-select] option[value="${shortModel}"]`, { state: "attached" });
  await page.selectOption("[data-testid=model-select]", shortModel);
  await page.fill("[data-testid=max-tokens]", "48");
  await page.fill("[data-testid=temperature]", "0");
  await page.fill("[data-testid=prompt]", "Once upon a time");
  await page.click("[data-testid=send]");
  const answer = page.locator("[data-testid=msg-assistant]").last();
  await page.waitForFunction(() => /tokens\/s/.test(document.querySelector("[data-testid=stats]").textContent));
  seen.answer = await answer.textContent();
  seen.stats = await page.textContent("[data-testid=stats]");
  if (!seen.answer || !seen.answer.trim()) fail("no streamed answer appeared");

  // Stop: a long answer from the slow model, stopped once it has started.
  await page.click("[data-testid=clear]");
  await page.selectOption("[data-testid=model-select]", longModel);
  await page.fill("[data-testid=max-tokens]", "100");
  await page.fill("[data-testid=temperature]", "0.8");
  await page.fill("[data-testid=prompt]", "Tell me a very long story");
  await page.click("[data-testid=send]");
  await page.waitForFunction(() => {
    const msgs = document.querySelectorAll("[data-testid=msg-assistant]");
    return msgs.length && msgs[msgs.length - 1].textContent.length > 10;
  });
  await page.click("[data-testid=stop]");
  await page.waitForFunction(() => /cancelled/.test(document.querySelector("[data-testid=stats]").textContent));
  seen.stopped = await page.textContent("[data-testid=stats]");
  if (!(await page.isEnabled("[data-testid=send]"))) fail("send is not enabled again after stop");

  // Playground: coloured token spans for two tokenizers side by side, ids on hover.
  await page.goto(base + "/playground.html");
  await page.locator('[data-testid="pg-tok-cl100k_base"]').waitFor({ state: "attached" });
  for (const box of await page.locator("#pg-tokenizers input").all()) {
    const wanted = ["gpt2", "cl100k_base"].includes(await box.getAttribute("value"));
    await box.setChecked(wanted);
  }
  await page.fill("[data-testid=pg-text]", "Hello world, tokenizers at work.");
  await page.click("[data-testid=pg-tokenize]");
  for (const name of ["gpt2", "cl100k_base"]) {
    // each panel fills when its own answer arrives (gpt2 may be loaded on first use, after cl100k_base answers)
    await page.waitForSelector(`[data-testid="pg-panel-${name}"] [data-testid=pg-token]`);
    const spans = page.locator(`[data-testid="pg-panel-${name}"] [data-testid=pg-token]`);
    const count = await spans.count();
    if (count < 2) fail(`${name}: ${count} token spans`);
    const colours = new Set();
    for (let i = 0; i < Math.min(count, 6); i++) {
      colours.add(await spans.nth(i).evaluate((el) => getComputedStyle(el).backgroundColor));
    }
    const title = await spans.first().getAttribute("title");
    if (colours.size < 2) fail(`${name}: token spans are not coloured apart (${[...colours]})`);
    if (!/id \d+/.test(title || "")) fail(`${name}: no id on hover (title ${title})`);
    seen[name] = { spans: count, colours: colours.size };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ok: true, ...seen }));
