// Tokenizer playground: tokens drawn from their offsets side by side (tokens.js says how), where two tokenizers
// split differently, Spanish vs English, cost and fit.
import { $, el, api, num } from "./common.js";
import { pieces, tokenBytes, isByteLevel, isContinuation, diff, visible } from "./tokens.js";

let maxTokenizers = 0;            // the tokenizer service's limit per comparison (0: not known)
const served = new Map();         // served model id -> /v1/models entry
const results = new Map();        // tokenizer -> {text, result, pieces} of the last Tokenize
let catalogue = [];               // cost catalogue models, as the tokenizer service names them
const OTHER = "(another model)";

const selected = () => [...document.querySelectorAll("#pg-tokenizers input:checked")].map((i) => i.value);
const show = (text) => ($("pg-show-ws").checked ? visible(text) : text);

// ---------------------------------------------------------------- tokenizers and panels

async function loadTokenizers() {
  try {
    const [list] = await Promise.all([api("/v1/tokenizers"), servedLoaded]);
    maxTokenizers = (list.limits && list.limits.max_tokenizers_per_request) || 0;
    catalogue = Array.isArray(list.cost_models) ? list.cost_models : [];
    fillCostModels();
    // a tokenizer named like a served model (its GGUF file, given to the tokenizer service) comes first
    const isServed = (t) => (served.has(t.name) ? 1 : 0);
    const tokenizers = [...list.tokenizers].sort((a, b) => isServed(b) - isServed(a));
    tokenizers.forEach((t, i) => {
      const box = el("input", { type: "checkbox", value: t.name, dataset: { testid: "pg-tok-" + t.name } });
      box.checked = i < 2;
      const label = el("label", { class: "check", title: `${t.family} · ${t.source} · ${num(t.vocab_size)} tokens` }, box, " " + t.name,
        isServed(t) ? el("span", { class: "badge" }, "served") : null);
      $("pg-tokenizers").append(label);
    });
  } catch (e) { $("pg-status").textContent = "Cannot list tokenizers: " + e.message; }
}

function tokenTitle(p, byteLevel) {
  return p.tokens.map((t) => {
    const b = tokenBytes(t.token, byteLevel);
    return `id ${t.id} · ${JSON.stringify(t.token)}` + (b ? ` · bytes ${b}` : "") + (t.special ? " · special" : "");
  }).join("\n") + (p.kind === "token" ? `\nchars ${p.start}–${p.end}` : "");
}

function renderPanel(name, text, result) {
  const list = pieces(text, result);
  results.set(name, { text, result, pieces: list });
  const byteLevel = isByteLevel(result);
  const chars = text.length;
  const box = el("div", { class: "tokens", dataset: { testid: "pg-tokens" } });
  let colour = 0;
  for (const p of list) {
    if (p.kind === "gap") {
      box.append(el("span", { class: "gap", dataset: { testid: "pg-gap" }, title: "in no token (dropped by the tokenizer)" }, show(p.text)));
      continue;
    }
    const ids = p.tokens.map((t) => t.id).join(" ");
    const classes = ["tok"];
    if (p.kind === "token") classes.push("c" + (colour++ % 6));
    if (p.tokens.length > 1) classes.push("group");
    if (p.kind === "special" || p.tokens.some((t) => t.special)) classes.push("special");
    if (p.kind === "marker") classes.push("marker");
    const cont = p.tokens.length === 1 && isContinuation(p.tokens[0].token);
    if (cont) classes.push("cont");
    const span = el("span", { class: classes.join(" "), dataset: { testid: "pg-token", ids, kind: p.kind }, title: tokenTitle(p, byteLevel) });
    if (cont) span.append(el("span", { class: "cont-mark", "aria-label": "continues the word:" }, "##"));
    span.append(el("span", { class: "tok-text" }, p.kind === "token" ? show(p.text) : p.text));
    span.append(el("span", { class: "tok-id", dataset: { testid: "pg-token-id" } }, ids));
    box.append(span);
  }
  const grouped = list.filter((p) => p.tokens.length > 1).length;
  const panel = el("section", { class: "panel", dataset: { testid: "pg-panel-" + name }, "aria-label": name + " tokens" },
    el("h3", {}, name),
    el("p", { class: "muted small", dataset: { testid: "pg-panel-stats" } },
      `${num(result.count)} tokens · ${(chars / Math.max(result.count, 1)).toFixed(2)} characters per token` +
      (grouped ? ` · ${grouped} characters split into bytes (drawn once)` : "")),
    box);
  return panel;
}

async function tokenize() {
  const text = $("pg-text").value;
  const names = selected();
  $("pg-panels").replaceChildren();
  $("pg-status").textContent = names.length ? "" : "Select a tokenizer.";
  results.clear();
  // the panels keep the order of the boxes, whichever answer comes first
  const slots = names.map((name) => { const s = el("div", { class: "panel-slot" }); $("pg-panels").append(s); return s; });
  await Promise.all(names.map(async (name, i) => {
    try {
      slots[i].replaceWith(renderPanel(name, text, await api("/v1/tokenize", { tokenizer: name, text })));
    } catch (e) {
      slots[i].replaceWith(el("section", { class: "panel", dataset: { testid: "pg-panel-" + name } }, el("h3", {}, name),
        el("p", { role: "alert" }, e.message)));
    }
  }));
  fillDiffChoices();
}

// ---------------------------------------------------------------- diff

function fillDiffChoices() {
  const names = [...results.keys()];
  for (const [id, pick] of [["pg-diff-a", 0], ["pg-diff-b", 1]]) {
    const keep = $(id).value;
    $(id).replaceChildren(...names.map((n) => new Option(n, n)));
    $(id).value = names.includes(keep) ? keep : names[Math.min(pick, names.length - 1)] || "";
  }
  if (names.length >= 2) renderDiff();
  else { $("pg-diff-view").replaceChildren(); $("pg-diff-summary").textContent = "Tokenize with two tokenizers to compare their splits."; }
}

function renderDiff() {
  const a = results.get($("pg-diff-a").value);
  const b = results.get($("pg-diff-b").value);
  if (!a || !b) { $("pg-diff-summary").textContent = "Tokenize with two tokenizers to compare their splits."; return; }
  const text = a.text;
  const d = diff(text, a.pieces, b.pieces, $("pg-diff-spaces").checked);
  const nameA = $("pg-diff-a").value, nameB = $("pg-diff-b").value;
  $("pg-diff-summary").textContent = `${d.both} cuts in both · ${d.onlyA} only in A (${nameA}) · ${d.onlyB} only in B (${nameB})`;
  const view = $("pg-diff-view");
  view.replaceChildren();
  let from = 0;
  for (const cut of d.cuts) {
    view.append(el("span", { class: "seg" }, show(text.slice(from, cut.at))));
    const label = cut.side === "both" ? "both split here" : "only " + (cut.side === "a" ? nameA : nameB) + " splits here";
    view.append(el("span", { class: "cut " + cut.side, dataset: { testid: "pg-diff-cut", side: cut.side, at: cut.at },
      title: `${label} (character ${cut.at})`, role: "img", "aria-label": label }, cut.side === "both" ? "" : cut.side.toUpperCase()));
    from = cut.at;
  }
  view.append(el("span", { class: "seg" }, show(text.slice(from))));
}

// ---------------------------------------------------------------- languages

async function efficiency() {
  const names = selected();
  const table = $("pg-efficiency-table");
  if (!names.length) { $("pg-status").textContent = "Select a tokenizer."; return; }
  if (maxTokenizers && names.length > maxTokenizers) {
    $("pg-status").textContent = `Select at most ${maxTokenizers} tokenizers to compare languages.`;
    return;
  }
  const spanish = $("pg-spanish").value, english = $("pg-english").value;
  try {
    const own = spanish.trim() && english.trim();
    const [res, es, en] = await Promise.all([
      api("/v1/tokenizers/language-efficiency", { spanish, english, tokenizers: names }),
      own ? api("/v1/tokenizers/compare", { text: spanish, tokenizers: names }) : null,
      own ? api("/v1/tokenizers/compare", { text: english, tokenizers: names }) : null,
    ]);
    const stat = (cmp, name, key) => {
      const r = cmp && cmp.results.find((x) => x.tokenizer === name);
      return r ? r[key].toFixed(2) : "—";
    };
    const body = table.querySelector("tbody");
    body.replaceChildren();
    for (const r of res.rows) {
      body.append(el("tr", { dataset: { testid: "pg-efficiency-row", tokenizer: r.tokenizer } },
        el("th", { scope: "row" }, r.tokenizer), el("td", {}, num(r.spanish_tokens)), el("td", {}, num(r.english_tokens)),
        el("td", {}, r.ratio.toFixed(2) + "×"),
        el("td", { dataset: { testid: "es-cpt" } }, stat(es, r.tokenizer, "chars_per_token")),
        el("td", { dataset: { testid: "en-cpt" } }, stat(en, r.tokenizer, "chars_per_token")),
        el("td", { dataset: { testid: "es-tpw" } }, stat(es, r.tokenizer, "tokens_per_word")),
        el("td", { dataset: { testid: "en-tpw" } }, stat(en, r.tokenizer, "tokens_per_word"))));
    }
    table.hidden = false;
    $("pg-status").textContent = res.builtin_sample ? "Counted on the built-in parallel sample (its text is not returned, so characters and words per token are not known)." : "";
  } catch (e) { $("pg-status").textContent = e.message; }
}

// ---------------------------------------------------------------- cost and fit

let resolveServed;
const servedLoaded = new Promise((r) => { resolveServed = r; });

async function loadServedModels() {
  try {
    const list = await api("/v1/models");
    for (const m of list.data.filter((m) => !m.embedding_length)) served.set(m.id, m);
  } catch { /* the catalogue still works */ }
  resolveServed();
  fillCostModels();
}

// Served models first (GET /v1/models), then the other models the tokenizer service can cost (GET /v1/tokenizers,
// cost_models); the choice survives a refill.
function fillCostModels() {
  const select = $("pg-cost-model");
  const keep = select.value;
  select.replaceChildren();
  if (served.size) {
    select.append(el("optgroup", { label: "Served by this gateway" }, [...served.keys()].map((id) => new Option(id, id))));
  }
  const others = catalogue.filter((n) => !served.has(n));
  if (others.length) select.append(el("optgroup", { label: "Tokenizer service catalogue" }, others.map((n) => new Option(n, n))));
  select.append(el("optgroup", { label: "Other" }, new Option("Another model name…", OTHER)));
  if ([...select.options].some((o) => o.value === keep)) select.value = keep; else select.selectedIndex = 0;
  costModelChanged();
}

function costModelChanged() {
  const value = $("pg-cost-model").value;
  $("pg-cost-other-label").hidden = value !== OTHER;
  // a served model's expected answer is its default max_tokens; otherwise all the room left
  const m = served.get(value);
  $("pg-cost-output").value = m && m.default_max_tokens ? m.default_max_tokens : "";
}

const usd = (v) => "$" + (v === 0 ? "0" : v < 0.01 ? v.toPrecision(3) : v.toFixed(4));

async function cost() {
  const value = $("pg-cost-model").value;
  const model = value === OTHER ? $("pg-cost-other").value.trim() : value;
  const out = $("pg-cost-result");
  if (!model) { out.replaceChildren(el("p", {}, "Choose a model.")); return; }
  out.replaceChildren(el("p", { class: "muted" }, "Counting…"));
  try {
    const r = await api("/v1/tokenizers/cost", { model, messages: [{ role: "user", content: $("pg-text").value }],
      max_output_tokens: Number($("pg-cost-output").value) || 0 });
    const price = r.prices_known
      ? `${usd(r.input_cost_usd)} input + ${usd(r.output_cost_usd)} output = ${usd(r.total_cost_usd)}`
      : "price unknown (no prices are configured for this model)";
    const rows = [
      ["Prompt", `${num(r.prompt_tokens)} tokens (${num(r.template_tokens)} of them from the chat template)`, "cost-prompt"],
      ["Context", `${num(r.context_length)} tokens` + (served.has(model) ? " (as served, per slot)" : ""), "cost-context"],
      ["Fits", r.fits ? `yes · ${num(r.tokens_left)} tokens left` : `no · ${num(r.tokens_left)} tokens left`, "cost-fits"],
      ["Tokenizer", `${r.tokenizer} · template from ${r.template_source}`, "cost-tokenizer"],
      ["Price", price, "cost-price"],
    ];
    out.replaceChildren(el("dl", { class: "facts" }, rows.map(([k, v, t]) => [el("dt", {}, k), el("dd", { dataset: { testid: t } }, v)])));
  } catch (e) {
    let hint = "";
    if (e.code === "model_not_found" && served.has(model)) {
      hint = " The tokenizer service was not given this served model's GGUF file (LLM_MODEL or LLM_SERVED_MODELS), so it cannot count for it.";
    }
    out.replaceChildren(el("p", { role: "alert", dataset: { testid: "cost-error" } }, e.message + hint));
  }
}

// ---------------------------------------------------------------- wiring

$("pg-tokenize").addEventListener("click", tokenize);
$("pg-show-ids").addEventListener("change", () => $("pg-panels").classList.toggle("show-ids", $("pg-show-ids").checked));
$("pg-show-ws").addEventListener("change", () => {
  // redraw from the answers already here
  const drawn = [...results.entries()];
  $("pg-panels").replaceChildren(...drawn.map(([name, r]) => renderPanel(name, r.text, r.result)));
  renderDiff();
});
$("pg-diff").addEventListener("click", renderDiff);
$("pg-diff-a").addEventListener("change", renderDiff);
$("pg-diff-b").addEventListener("change", renderDiff);
$("pg-diff-spaces").addEventListener("change", renderDiff);
$("pg-efficiency").addEventListener("click", efficiency);
$("pg-cost").addEventListener("click", cost);
$("pg-cost-model").addEventListener("change", costModelChanged);
loadServedModels();
loadTokenizers();
