// Tokenizer playground: token spans side by side, Spanish/English efficiency, cost and fit.
"use strict";
const visible = (s) => s.replace(/ /g, "·").replace(/\t/g, "→").replace(/\n/g, "↵\n");

function selected() {
  return [...document.querySelectorAll("#pg-tokenizers input:checked")].map((i) => i.value);
}

let maxTokenizers = 0;       // the tokenizer service's limit per comparison (0: not known)
const served = new Map();    // served model id -> /v1/models entry

async function loadTokenizers() {
  try {
    const list = await api("/v1/tokenizers");
    maxTokenizers = (list.limits && list.limits.max_tokenizers_per_request) || 0;
    list.tokenizers.forEach((t, i) => {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.value = t.name;
      box.dataset.testid = "pg-tok-" + t.name;
      box.checked = i < 2;
      label.append(box, " " + t.name);
      $("pg-tokenizers").appendChild(label);
    });
  } catch (e) { $("pg-status").textContent = "Cannot list tokenizers: " + e.message; }
}

function renderPanel(name, text, result) {
  const panel = document.createElement("section");
  panel.className = "panel";
  panel.dataset.testid = "pg-panel-" + name;
  const chars = text.length;
  panel.innerHTML = `<h3></h3><p class="muted"></p><div class="tokens"></div>`;
  panel.querySelector("h3").textContent = name;
  panel.querySelector("p").textContent =
    `${result.count} tokens · ${(chars / Math.max(result.count, 1)).toFixed(2)} characters per token`;
  const box = panel.querySelector(".tokens");
  result.ids.forEach((id, i) => {
    const [start, end] = result.offsets[i];
    const span = document.createElement("span");
    span.className = "tok c" + (i % 6) + (result.special_mask[i] ? " special" : "");
    span.dataset.testid = "pg-token";
    span.textContent = start < 0 ? result.tokens[i] : visible(text.slice(start, end));
    span.title = `id ${id} · ${JSON.stringify(result.tokens[i])}` + (start < 0 ? " · special" : ` · chars ${start}–${end}`);
    box.appendChild(span);
  });
  return panel;
}

async function tokenize() {
  const text = $("pg-text").value;
  $("pg-panels").innerHTML = "";
  $("pg-status").textContent = "";
  for (const name of selected()) {
    try {
      $("pg-panels").appendChild(renderPanel(name, text, await api("/v1/tokenize", { tokenizer: name, text })));
    } catch (e) { $("pg-status").textContent += `${name}: ${e.message}. `; }
  }
}

// The served models are offered for the cost estimate: it counts them against their served context.
async function loadServedModels() {
  try {
    const list = await api("/v1/models");
    for (const m of list.data) { served.set(m.id, m); $("pg-cost-models").appendChild(new Option(m.id, m.id)); }
  } catch (e) { /* the catalogue names still work */ }
}

async function efficiency() {
  const table = $("pg-efficiency-table");
  if (maxTokenizers && selected().length > maxTokenizers) {
    $("pg-status").textContent = `Select at most ${maxTokenizers} tokenizers to compare languages.`;
    return;
  }
  try {
    const res = await api("/v1/tokenizers/language-efficiency",
      { spanish: $("pg-spanish").value, english: $("pg-english").value, tokenizers: selected() });
    const body = table.querySelector("tbody");
    body.innerHTML = "";
    for (const r of res.rows) {
      const row = body.insertRow();
      [r.tokenizer, r.spanish_tokens, r.english_tokens, r.ratio.toFixed(2) + "×"].forEach((v) => { row.insertCell().textContent = v; });
    }
    table.hidden = false;
  } catch (e) { $("pg-status").textContent = e.message; }
}

async function cost() {
  try {
    const r = await api("/v1/tokenizers/cost", { model: $("pg-cost-model").value,
      messages: [{ role: "user", content: $("pg-text").value }], max_output_tokens: Number($("pg-cost-output").value) });
    const price = r.prices_known
      ? `input $${r.input_cost_usd.toFixed(6)} + output $${r.output_cost_usd.toFixed(6)} = $${r.total_cost_usd.toFixed(6)}`
      : "price unknown (no prices configured for this model)";
    $("pg-cost-result").textContent = `${r.prompt_tokens} prompt tokens (${r.template_tokens} from the template) of ` +
      `${r.context_length} · ${r.fits ? "fits" : "does NOT fit"} · ${r.tokens_left} tokens left · ${price}`;
  } catch (e) { $("pg-cost-result").textContent = e.message; }
}

$("pg-tokenize").addEventListener("click", tokenize);
$("pg-efficiency").addEventListener("click", efficiency);
$("pg-cost").addEventListener("click", cost);
// A served model's expected answer is its default max_tokens.
$("pg-cost-model").addEventListener("change", () => {
  const m = served.get($("pg-cost-model").value);
  if (m && m.default_max_tokens) $("pg-cost-output").value = m.default_max_tokens;
});
loadTokenizers();
loadServedModels();
