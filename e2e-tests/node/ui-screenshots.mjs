// Screenshots of the web UI for the README (docs/images), taken by hand against a running gateway:
//   node ui-screenshots.mjs http://localhost:8080 stories260k ../../docs/images
// Chat at 1280 px and 390 px (a real streamed answer of the model), the playground at 1280 px and 390 px.
import { launch, open, fail } from "./ui-lib.mjs";

const [base, model, outDir] = process.argv.slice(2);
if (!outDir) fail("usage: node ui-screenshots.mjs <gateway base URL> <model> <output folder>");
const browser = await launch();
try {
  for (const [suffix, viewport] of [["", { width: 1280, height: 800 }], ["-narrow", { width: 390, height: 844 }]]) {
    const page = await open(browser, base, { viewport, colorScheme: "light" });
    await page.goto(base + "/");
    await page.waitForSelector(`[data-testid=model-select] option[value="${model}"]`, { state: "attached" });
    await page.selectOption("[data-testid=model-select]", model);
    await page.fill("[data-testid=max-tokens]", "80");
    await page.fill("[data-testid=temperature]", "0");
    await page.fill("[data-testid=prompt]", "Once upon a time");
    await page.click("[data-testid=send]");
    await page.waitForFunction(() => /finish: \w+/.test(document.querySelector("[data-testid=stats]").textContent));
    await page.screenshot({ path: `${outDir}/chat${suffix}.png` });

    await page.goto(base + "/playground.html");
    await page.locator('[data-testid="pg-tok-gpt2"]').waitFor({ state: "attached" });
    for (const box of await page.locator("#pg-tokenizers input").all()) {
      await box.setChecked(["gpt2", "t5-small", "bert-base-uncased"].includes(await box.getAttribute("value")));
    }
    await page.fill("[data-testid=pg-text]", "The quick brown fox likes tokenizers.\nEl veloz murciélago hindú comía kiwi.");
    await page.click("[data-testid=pg-tokenize]");
    for (const name of ["gpt2", "t5-small", "bert-base-uncased"]) {
      await page.waitForSelector(`[data-testid="pg-panel-${name}"] [data-testid=pg-token]`);
    }
    await page.check("[data-testid=pg-show-ids]");
    await page.screenshot({ path: `${outDir}/playground${suffix}.png`, fullPage: suffix === "" });
    await page.context().close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ ok: true }));
