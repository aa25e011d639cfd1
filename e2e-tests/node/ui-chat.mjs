// The chat page in headless Chromium, behaviour by behaviour.
// Usage: node ui-chat.mjs <gateway base URL> <short-answer model> <long-answer model>
// Prints one JSON line with what it saw; exits 1 with a message on the first failure.
//
// The stories260K model writes plain stories, so Markdown and sanitising are tested through a conversation imported
// from a JSON file (the sidebar's Import) and through an answer edited in place: both go through the same renderer
// as streamed answers.
import { launch, open, check, fail, overflowX, step } from "./ui-lib.mjs";

const [base, shortModel, longModel] = process.argv.slice(2);
const seen = {};
const browser = await launch();
const started = Date.now();
try {
  const page = await open(browser, base);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const answers = page.locator("[data-testid=msg-assistant]");
  const lastStatsHas = (re) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector("[data-testid=stats]").textContent), re.source);

  // ---- favicon, a first answer with its statistics

  step('favicon, a first answer with its statistics');
  await page.goto(base + "/");
  await page.waitForSelector(`[data-testid=model-select] option[value="${shortModel}"]`, { state: "attached" });
  const icon = await page.evaluate(async () => {
    const link = document.querySelector("link[rel=icon]");
    const res = await fetch(link.href);
    return { href: link.getAttribute("href"), status: res.status, type: res.headers.get("content-type") };
  });
  check(icon.status === 200 && /svg/.test(icon.type), "favicon: " + JSON.stringify(icon));
  seen.favicon = icon.href;
  await page.selectOption("[data-testid=model-select]", shortModel);
  const model = await page.evaluate(async (id) => (await (await fetch("/v1/models/" + id)).json()), shortModel);
  check(await page.inputValue("[data-testid=max-tokens]") === String(model.default_max_tokens),
    "max tokens does not start at the model's default_max_tokens " + model.default_max_tokens);
  check(await page.getAttribute("[data-testid=max-tokens]", "max") === String(model.limits.max_context_tokens),
    "max tokens is not bounded by limits.max_context_tokens");
  await page.fill("[data-testid=max-tokens]", "24");
  await page.fill("[data-testid=temperature]", "0");
  await page.fill("[data-testid=prompt]", "Once upon a time");
  await page.click("[data-testid=send]");
  await lastStatsHas(/finish: \w+/);
  seen.stats = await page.textContent("[data-testid=stats]");
  check(/time to first token \d+ ms/.test(seen.stats) && /[1-9][\d.]* tokens\/s/.test(seen.stats), "stats: " + seen.stats);
  const firstAnswer = await answers.last().textContent();
  check(firstAnswer.trim().length > 0, "no streamed answer appeared");

  // ---- the conversation survives a reload

  step('the conversation survives a reload');
  await page.reload();
  await page.waitForSelector("[data-testid=msg-assistant]");
  check(await answers.last().textContent() === firstAnswer, "the answer changed across a reload");
  check((await page.textContent("[data-testid=conversation-list]")).includes("Once upon a time"), "no title in the sidebar after a reload");
  check(await page.inputValue("[data-testid=max-tokens]") === "24", "the conversation's max tokens were not kept");
  seen.persisted = true;

  // ---- regenerate the last answer: the old one is replaced, not added to

  step('regenerate the last answer: the old one is replaced, not add');
  await answers.last().evaluate((e) => { e.dataset.old = "1"; });
  await page.click("[data-testid=msg-regenerate]");
  await page.waitForSelector("[data-testid=msg-assistant]:not([data-old])");
  await lastStatsHas(/finish: \w+/);
  check(await answers.count() === 1, "regenerate added an answer instead of replacing it");
  seen.regenerated = true;

  // ---- edit the user message and send it again

  step('edit the user message and send it again');
  await page.click(".turn.user [data-testid=msg-edit]");
  await page.fill("[data-testid=edit-text]", "Lily had a red ball");
  await answers.last().evaluate((e) => { e.dataset.old = "1"; });
  await page.click("[data-testid=edit-send]");
  await page.waitForSelector("[data-testid=msg-assistant]:not([data-old])");
  await lastStatsHas(/finish: \w+/);
  const users = await page.locator("[data-testid=msg-user]").allTextContents();
  check(users.length === 1 && users[0] === "Lily had a red ball", "edit and resend: user messages " + JSON.stringify(users));
  check(await answers.count() === 1, "edit and resend left " + (await answers.count()) + " answers");
  seen.edited = true;

  // ---- the rendered prompt is what /apply-template makes of the conversation

  step('the rendered prompt is what /apply-template makes of the con');
  await page.click("[data-testid=show-prompt]");
  await page.waitForFunction(() => /tokens/.test(document.querySelector("[data-testid=prompt-meta]").textContent));
  const shownPrompt = await page.textContent("[data-testid=prompt-text]");
  const expected = await page.evaluate(async (m) => (await (await fetch("/apply-template", { method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ model: m, messages: [{ role: "user", content: "Lily had a red ball" }] }) })).json()).prompt, shortModel);
  check(shownPrompt === expected, `rendered prompt ${JSON.stringify(shownPrompt)} is not /apply-template's ${JSON.stringify(expected)}`);
  await page.keyboard.press("Escape");
  check(!(await page.isVisible("[data-testid=prompt-dialog]")), "Escape does not close the prompt dialog");
  seen.prompt = shownPrompt;

  // ---- model facts from /v1/models

  step('model facts from /v1/models');
  await page.click("[data-testid=model-info]");
  await page.waitForSelector("[data-testid=fact-context]");
  const context = await page.textContent("[data-testid=fact-context]");
  check(context.replace(/,/g, "").includes(String(model.context_length)), "model facts: context " + context);
  check((await page.textContent("[data-testid=fact-limits]")).includes("max_context_tokens"), "model facts: no limits");
  check((await page.textContent("[data-testid=fact-template]")).length > 3, "model facts: no template fact");
  seen.facts = { context, template: await page.textContent("[data-testid=fact-template]") };
  await page.click("[data-testid=model-dialog-close]");

  // ---- rename and export

  step('rename and export');
  await page.click("[data-testid=conversation-rename]");
  await page.fill("[data-testid=rename-input]", "Lily's story");
  await page.press("[data-testid=rename-input]", "Enter");
  await page.waitForSelector("[data-testid=conversation-open]:text('Lily\\'s story')");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=conversation-export]")]);
  const exported = JSON.parse(await streamText(await download.createReadStream()));
  check(exported.conversation.title === "Lily's story" && exported.conversation.messages.length === 2
    && exported.conversation.messages[0].content === "Lily had a red ball", "export: " + JSON.stringify(exported).slice(0, 300));
  seen.exported = download.suggestedFilename();

  // ---- Markdown, highlighting and sanitising, through an imported conversation

  step('Markdown, highlighting and sanitising, through an imported c');
  const markdown = [
    "## Result", "", "Some **bold** and `inline code`, a [link](https://example.invalid/page) and a", "[bad link](javascript:window.__xss='link').", "",
    "- one", "- two", "", "| a | b |", "|---|---|", "| 1 | 2 |", "",
    "```js", "const answer = 42; // the answer", "```", "",
    "<script>window.__xss = 'script'</script>", "", "<img src=x onerror=\"window.__xss='img'\">", "",
    "![a picture](https://example.invalid/picture.png)",
  ].join("\n");
  const file = { format: "llm-platform-conversation", version: 1, conversation: { title: "Imported", model: shortModel,
    messages: [{ role: "user", content: "<img src=x onerror=\"window.__xss='user'\"> **not markdown**" }, { role: "assistant", content: markdown }] } };
  await page.setInputFiles("[data-testid=import-file]", { name: "chat.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForSelector("[data-testid=conversation-open]:text('Imported')");
  const md = answers.last();
  await md.locator("h2").waitFor();
  const rendered = await md.evaluate((e) => ({
    strong: e.querySelector("strong")?.textContent, li: e.querySelectorAll("li").length, table: !!e.querySelector("table td"),
    keyword: e.querySelector("pre code.hljs .hljs-keyword")?.textContent, copy: !!e.querySelector("[data-testid=copy-code]"),
    scripts: e.querySelectorAll("script").length, imgs: document.querySelectorAll("#messages img").length,
    handlers: [...e.querySelectorAll("*")].filter((x) => [...x.attributes].some((a) => /^on/i.test(a.name))).length,
    badHref: [...e.querySelectorAll("a")].filter((a) => /^javascript:/i.test(a.getAttribute("href") || "")).length,
    linkTarget: e.querySelector("a[href^='https://example.invalid/page']")?.getAttribute("rel"),
    scriptShownAsText: e.textContent.includes("<script>window.__xss = 'script'</script>"),
  }));
  check(rendered.strong === "bold" && rendered.li === 2 && rendered.table && rendered.keyword === "const" && rendered.copy,
    "markdown not rendered: " + JSON.stringify(rendered));
  check(rendered.scripts === 0 && rendered.imgs === 0 && rendered.handlers === 0 && rendered.badHref === 0, "not sanitised: " + JSON.stringify(rendered));
  check(rendered.scriptShownAsText && /noopener/.test(rendered.linkTarget || ""), "raw HTML not shown as text or link not safe: " + JSON.stringify(rendered));
  const userShown = await page.textContent("[data-testid=msg-user]");
  check(userShown.includes("<img src=x") && userShown.includes("**not markdown**"), "the user message is not shown as typed: " + userShown);
  await page.waitForTimeout(300);
  check(await page.evaluate(() => window.__xss) === undefined, "an injected script ran: " + (await page.evaluate(() => window.__xss)));
  seen.markdown = rendered;

  // ---- the copy button copies the code block's text

  step("the copy button copies the code block's text");
  await page.click("[data-testid=copy-code]");
  await page.waitForSelector("[data-testid=copy-code]:text('Copied')");
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  check(clip.trim() === "const answer = 42; // the answer", "copied " + JSON.stringify(clip));
  seen.copied = clip.trim();

  // ---- an answer edited in place is rendered as Markdown too

  step('an answer edited in place is rendered as Markdown too');
  await page.click(".turn.assistant [data-testid=msg-edit]");
  await page.fill("[data-testid=edit-text]", "*edited* answer with <b onmouseover=\"window.__xss='edit'\">bold</b>");
  await page.click("[data-testid=edit-save]");
  await md.locator("em").waitFor();
  check(await md.locator("b").count() === 0 && (await md.textContent()).includes("<b onmouseover"), "edited answer not sanitised");

  // ---- delete the imported conversation

  step('delete the imported conversation');
  page.once("dialog", (d) => d.accept());
  const before = await page.locator("[data-testid=conversation]").count();
  await page.click("[data-testid=conversation-delete]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=conversation]").length === n - 1, before);
  check(!(await page.textContent("[data-testid=conversation-list]")).includes("Imported"), "the deleted conversation is still listed");
  seen.deleted = true;

  // ---- an error takes the answer's place; the failed turn is marked and left out of what is sent next

  step("an error takes the answer's place; the failed turn is marked");
  await page.click("[data-testid=clear]");
  await page.fill("[data-testid=prompt]", "once upon a time ".repeat(model.context_length / 2));
  await page.click("[data-testid=send]");
  await page.waitForSelector("[data-testid=msg-error]");
  check(await answers.count() === 0, "an empty assistant bubble stays above the error");
  check(await page.isVisible("[data-testid=failed-note]"), "the failed user turn is not marked");
  seen.error = await page.textContent("[data-testid=msg-error]");
  await page.fill("[data-testid=prompt]", "The cat");
  await page.click("[data-testid=send]");
  await page.waitForSelector("[data-testid=msg-assistant]");
  await lastStatsHas(/finish: \w+/);     // answered: the failed, too long message was not sent again
  check(await page.locator("[data-testid=msg-error]").count() === 1, "the second message failed too");

  // ---- Stop: the statistics are those of the streamed part, never 0.0 tokens/s

  step('Stop: the statistics are those of the streamed part, never 0');
  await page.click("[data-testid=clear]");
  await page.selectOption("[data-testid=model-select]", longModel);
  await page.fill("[data-testid=max-tokens]", "100");
  await page.fill("[data-testid=temperature]", "0.8");
  await page.fill("[data-testid=prompt]", "Tell me a very long story");
  await page.click("[data-testid=send]");
  await page.waitForFunction(() => {
    const msgs = document.querySelectorAll("[data-testid=msg-assistant]");
    return msgs.length && msgs[msgs.length - 1].textContent.length > 30;
  });
  await page.click("[data-testid=stop]");
  await lastStatsHas(/cancelled/);
  seen.stopped = await page.textContent("[data-testid=stats]");
  const streamed = /stopped after (\d+) tokens streamed/.exec(seen.stopped);
  check(streamed && Number(streamed[1]) > 0, "stop: no streamed token count: " + seen.stopped);
  check(!/\b0\.0 tokens\/s/.test(seen.stopped) && /[1-9][\d.]* tokens\/s \(streamed part/.test(seen.stopped), "stop: rate " + seen.stopped);
  check(await page.isEnabled("[data-testid=send]"), "send is not enabled again after stop");

  // ---- keyboard: the skip link comes first and the focus is visible

  step('keyboard: the skip link comes first and the focus is visible');
  await page.goto(base + "/");
  await page.waitForSelector("[data-testid=msg-assistant]");
  await page.keyboard.press("Tab");
  const focus = await page.evaluate(() => ({ cls: document.activeElement.className, outline: getComputedStyle(document.activeElement).outlineStyle }));
  check(focus.cls === "skip-link" && focus.outline !== "none", "first Tab: " + JSON.stringify(focus));
  await page.keyboard.press("Enter");
  check(await page.evaluate(() => document.activeElement.id) === "prompt", "the skip link does not reach the message box");

  check(page.problems.length === 0, "console errors or failed requests: " + page.problems.join(" | "));
  check(page.foreign.length === 0, "requests to other hosts: " + page.foreign.join(" "));

  // ---- 390 px: no sideways scrolling, every header link in view, the sidebar a drawer

  step('390 px: no sideways scrolling, every header link in view, th');
  const narrow = await open(browser, base, { viewport: { width: 390, height: 844 } });
  await narrow.goto(base + "/");
  await narrow.waitForSelector(`[data-testid=model-select] option[value="${shortModel}"]`, { state: "attached" });
  await narrow.selectOption("[data-testid=model-select]", shortModel);
  await narrow.fill("[data-testid=max-tokens]", "24");
  await narrow.fill("[data-testid=prompt]", "Once upon a time there was a " + "verylongword".repeat(12));
  await narrow.click("[data-testid=send]");
  await narrow.waitForFunction(() => /finish: \w+/.test(document.querySelector("[data-testid=stats]").textContent));
  check(await overflowX(narrow) <= 0, "390 px: the page scrolls sideways by " + (await overflowX(narrow)) + " px");
  const links = await narrow.$$eval(".topbar a", (as) => as.map((a) => { const r = a.getBoundingClientRect(); return { text: a.textContent, right: r.right, left: r.left }; }));
  check(links.every((l) => l.left >= 0 && l.right <= 390), "390 px: header links outside the window: " + JSON.stringify(links));
  check(!(await narrow.isVisible("[data-testid=conversation-list]")), "390 px: the sidebar is not a closed drawer");
  await narrow.click("[data-testid=sidebar-toggle]");
  await narrow.waitForSelector("[data-testid=conversation-list]", { state: "visible" });
  await narrow.keyboard.press("Escape");
  await narrow.waitForSelector("[data-testid=conversation-list]", { state: "hidden" });
  check(narrow.problems.length === 0, "390 px: console errors or failed requests: " + narrow.problems.join(" | "));
  seen.narrow = { links: links.length };
} catch (e) {
  fail(String(e && e.message || e).split("\n")[0]);
} finally {
  await browser.close();
}
seen.seconds = Math.round((Date.now() - started) / 1000);
console.log(JSON.stringify({ ok: true, ...seen }));

function streamText(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    stream.on("error", reject);
  });
}
