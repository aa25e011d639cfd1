// The tokenizer playground in headless Chromium, behaviour by behaviour.
// Usage: node ui-playground.mjs <gateway base URL> <served model>
// Prints one JSON line with what it saw; exits 1 with a message on the first failure.
import { launch, open, check, fail, overflowX, step } from "./ui-lib.mjs";

const [base, servedModel] = process.argv.slice(2);
const seen = {};
const browser = await launch();
const started = Date.now();
// A byte-level tokenizer splits the fox emoji into byte tokens; t5 and BERT drop spaces; BERT splits "tokenizers".
const TEXT = "The quick brown fox 🦊 likes tokenizers.";
try {
  const page = await open(browser, base);
  await page.goto(base + "/playground.html");
  await page.locator('[data-testid="pg-tok-t5-small"]').waitFor({ state: "attached" });
  // the served models' own vocabularies (given to the tokenizer service) are listed first, marked as served
  const listed = await page.$$eval("#pg-tokenizers label", (ls) => ls.map((l) => ({ value: l.querySelector("input").value,
    served: !!l.querySelector(".badge") })));
  const servedCount = listed.filter((t) => t.served).length;
  check(servedCount > 0 && listed.slice(0, servedCount).every((t) => t.served)
    && listed.some((t) => t.value === servedModel && t.served),
    "the served models' tokenizers are not listed first: " + JSON.stringify(listed.slice(0, 4)));

  const panel = (name) => page.locator(`[data-testid="pg-panel-${name}"]`);
  const choose = async (names) => {
    for (const box of await page.locator("#pg-tokenizers input").all()) {
      await box.setChecked(names.includes(await box.getAttribute("value")));
    }
  };
  // What a panel draws: the characters of its token and gap pieces in order (ids, ## and ▁ markers left out).
  const drawn = (name) => panel(name).evaluate((p) => [...p.querySelectorAll("[data-testid=pg-tokens] > span")]
    .filter((s) => s.dataset.testid === "pg-gap" || s.dataset.kind === "token")
    .map((s) => (s.dataset.testid === "pg-gap" ? s.textContent : s.querySelector(".tok-text").textContent)).join(""));

  await choose(["gpt2", "t5-small", "bert-base-uncased"]);
  await page.uncheck("[data-testid=pg-show-ws]");
  await page.fill("[data-testid=pg-text]", TEXT);
  await page.click("[data-testid=pg-tokenize]");
  for (const name of ["gpt2", "t5-small", "bert-base-uncased"]) {
    await page.waitForSelector(`[data-testid="pg-panel-${name}"] [data-testid=pg-token]`);
  }

  // ---- every family drawn faithfully: its pieces put together are the text, nothing doubled or glued

  step('every family drawn faithfully: its pieces put together are t');
  for (const name of ["gpt2", "t5-small", "bert-base-uncased"]) {
    const text = await drawn(name);
    check(text === TEXT, `${name} draws ${JSON.stringify(text)} for ${JSON.stringify(TEXT)}`);
  }
  const t5Tokens = await panel("t5-small").locator(".tok-text").allTextContents();
  check(!t5Tokens.some((t) => /ffox|f fox/.test(t)), "t5 draws a doubled letter: " + JSON.stringify(t5Tokens));
  // BERT drops the spaces: they are drawn as gaps between the words, never glued
  check(await panel("bert-base-uncased").locator("[data-testid=pg-gap]").count() >= 5, "BERT: the dropped spaces are not drawn");
  const cont = await panel("bert-base-uncased").locator(".tok.cont").allTextContents();
  check(cont.length > 0 && cont.every((c) => c.startsWith("##")), "BERT: no ## continuation drawn: " + JSON.stringify(cont));
  seen.faithful = { t5: t5Tokens.length, bertContinuations: cont.length };

  // ---- the fox emoji: one box with the characters once and all its byte ids

  step('the fox emoji: one box with the characters once and all its ');
  const fox = panel("gpt2").locator("[data-testid=pg-token].group");
  check(await fox.count() === 1, "gpt2: the emoji is not one grouped box (" + (await fox.count()) + ")");
  const foxText = await fox.locator(".tok-text").textContent();
  const foxIds = (await fox.getAttribute("data-ids")).split(" ");
  const foxTitle = await fox.getAttribute("title");
  check(foxText.trim() === "🦊" && foxIds.length >= 2 && /bytes [0-9A-F]{2}/.test(foxTitle),
    `gpt2 emoji: text ${JSON.stringify(foxText)}, ids ${foxIds}, title ${JSON.stringify(foxTitle)}`);
  check((await page.textContent('[data-testid="pg-panel-gpt2"] [data-testid=pg-panel-stats]')).includes("split into bytes"), "gpt2: the byte split is not counted");
  seen.emoji = { ids: foxIds };

  // ---- token ids inline, behind a toggle

  step('token ids inline, behind a toggle');
  const firstId = page.locator('[data-testid="pg-panel-gpt2"] [data-testid=pg-token-id]').first();
  check(!(await firstId.isVisible()), "token ids are shown before the toggle");
  await page.check("[data-testid=pg-show-ids]");
  check(await firstId.isVisible() && /^\d+$/.test((await firstId.textContent()).trim()), "token ids are not shown after the toggle");
  await page.uncheck("[data-testid=pg-show-ids]");

  // ---- where two tokenizers split differently

  step('where two tokenizers split differently');
  await page.selectOption("[data-testid=pg-diff-a]", "gpt2");
  await page.selectOption("[data-testid=pg-diff-b]", "bert-base-uncased");
  await page.click("[data-testid=pg-diff]");
  const sides = await page.locator("[data-testid=pg-diff-cut]").evaluateAll((cs) => cs.map((c) => c.dataset.side));
  check(sides.includes("both") && (sides.includes("a") || sides.includes("b")), "diff: cuts " + JSON.stringify(sides));
  const diffText = await page.locator("#pg-diff-view .seg").allTextContents();
  check(diffText.join("") === TEXT, "diff view does not show the text: " + JSON.stringify(diffText.join("")));
  seen.diff = await page.textContent("[data-testid=pg-diff-summary]");

  // ---- Spanish vs English, with characters per token and tokens per word for each language

  step('Spanish vs English, with characters per token and tokens per');
  await choose(["gpt2", "t5-small"]);
  await page.click("[data-testid=pg-efficiency]");
  await page.waitForSelector("[data-testid=pg-efficiency-row]");
  const rows = await page.locator("[data-testid=pg-efficiency-row]").evaluateAll((rs) => rs.map((r) => ({
    tokenizer: r.dataset.tokenizer, cells: [...r.querySelectorAll("td")].map((c) => c.textContent) })));
  check(rows.length === 2, "languages: rows " + JSON.stringify(rows));
  for (const r of rows) {
    check(r.cells.slice(3).every((c) => /^\d+\.\d\d$/.test(c)), "languages: chars/token or tokens/word missing: " + JSON.stringify(r));
  }
  seen.languages = rows;

  // ---- cost and fit: the served model first, catalogue models offered, unknown prices said so

  step('cost and fit: the served model first, catalogue models offer');
  const problemsBefore = page.problems.length;
  await page.waitForSelector(`[data-testid=pg-cost-model] option[value="${servedModel}"]`, { state: "attached" });
  const firstOption = await page.$eval("[data-testid=pg-cost-model]", (s) => ({ value: s.options[0].value, group: s.options[0].parentElement.label }));
  check(/Served/.test(firstOption.group), "cost: the first model offered is not a served one: " + JSON.stringify(firstOption));
  await page.selectOption("[data-testid=pg-cost-model]", servedModel);
  await page.click("[data-testid=pg-cost]");
  await page.waitForSelector("[data-testid=cost-price], [data-testid=cost-error]");
  check(await page.$("[data-testid=cost-price]") !== null,
    "cost: the served model was not costed: " + (await page.textContent("[data-testid=pg-cost-result]")));
  const servedPrompt = await page.textContent("[data-testid=cost-prompt]");
  check(/^\d[\d,]* tokens/.test(servedPrompt), "cost: no prompt count for the served model: " + servedPrompt);
  // the tokenizer service's other cost models are offered from the start (GET /v1/tokenizers, cost_models)
  const catalogue = await page.$$eval("[data-testid=pg-cost-model] optgroup[label*=catalogue] option", (os) => os.map((o) => o.value));
  check(catalogue.length > 0, "cost: no catalogue model offered");
  // a model nobody knows is answered 404, shown in place of the result
  await page.selectOption("[data-testid=pg-cost-model]", "(another model)");
  await page.fill("[data-testid=pg-cost-other]", "no-such-model");
  await page.click("[data-testid=pg-cost]");
  await page.waitForSelector("[data-testid=cost-error]");
  await page.selectOption("[data-testid=pg-cost-model]", catalogue[0]);
  await page.click("[data-testid=pg-cost]");
  await page.waitForSelector("[data-testid=cost-price]");
  const price = await page.textContent("[data-testid=cost-price]");
  check(!/\$0\.0+\b(?!\d)/.test(price) || /unknown/.test(price), "cost: an unknown price shown as zero: " + price);
  check(/unknown|\$/.test(price), "cost: no price line: " + price);
  // the unknown model name answered 404, as it should; nothing else may have failed
  const costProblems = page.problems.splice(problemsBefore);
  check(costProblems.every((p) => /404/.test(p) && (/\/v1\/tokenizers\/cost$/.test(p) || /^console: Failed to load resource/.test(p))),
    "cost: " + costProblems.join(" | "));
  seen.cost = { model: catalogue[0], price, fits: await page.textContent("[data-testid=cost-fits]") };

  // ---- keyboard: the skip link first, tokenizing without the mouse

  step('keyboard: the skip link first, tokenizing without the mouse');
  await page.goto(base + "/playground.html");
  await page.keyboard.press("Tab");
  check(await page.evaluate(() => document.activeElement.className) === "skip-link", "playground: the first Tab does not reach the skip link");
  await page.keyboard.press("Enter");
  check(await page.evaluate(() => document.activeElement.id) === "pg-text", "playground: the skip link does not reach the text");

  check(page.problems.length === 0, "console errors or failed requests: " + page.problems.join(" | "));
  check(page.foreign.length === 0, "requests to other hosts: " + page.foreign.join(" "));

  // ---- 390 px: nothing pushed off-screen

  step('390 px: nothing pushed off-screen');
  const narrow = await open(browser, base, { viewport: { width: 390, height: 844 } });
  await narrow.goto(base + "/playground.html");
  await narrow.locator('[data-testid="pg-tok-gpt2"]').waitFor({ state: "attached" });
  await narrow.fill("[data-testid=pg-text]", TEXT + " " + "averyveryverylongwordwithoutanyspaces".repeat(3));
  await narrow.click("[data-testid=pg-tokenize]");
  await narrow.waitForSelector("[data-testid=pg-token]");
  await narrow.click("[data-testid=pg-efficiency]");
  await narrow.waitForSelector("[data-testid=pg-efficiency-row]");
  check(await overflowX(narrow) <= 0, "390 px: the playground scrolls sideways by " + (await overflowX(narrow)) + " px");
  const buttons = await narrow.$$eval("button, select, textarea", (es) => es.filter((e) => e.offsetParent)
    .map((e) => { const r = e.getBoundingClientRect(); return { id: e.id, left: r.left, right: r.right }; }));
  check(buttons.every((b) => b.left >= 0 && b.right <= 390), "390 px: controls outside the window: " + JSON.stringify(buttons.filter((b) => b.left < 0 || b.right > 390)));
  check(narrow.problems.length === 0, "390 px: console errors or failed requests: " + narrow.problems.join(" | "));
} catch (e) {
  fail(String(e && e.message || e).split("\n")[0]);
} finally {
  await browser.close();
}
seen.seconds = Math.round((Date.now() - started) / 1000);
console.log(JSON.stringify({ ok: true, ...seen }));
