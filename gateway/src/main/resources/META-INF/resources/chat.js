// Chat page: conversations kept in this browser, answers streamed over the /v1/chat/ws WebSocket (gateway/README.md),
// rendered as sanitised Markdown. Nothing the services decide is hard-coded: defaults and bounds come from
// GET /v1/models, the prompt from POST /apply-template.
import { $, el, api, num, bytes, download, copyText, flash } from "./common.js";
import { renderMarkdown } from "./markdown.js";
import { ChatSocket } from "./chat-socket.js";
import * as store from "./conversations.js";

const models = new Map();          // id -> /v1/models entry
let conversations = store.load();
let current = null;                // the conversation shown
const running = new Map();         // answer id -> {conv, msg, sentAt, firstAt, lastAt, deltas, frame}
const runningByConv = new Map();   // conversation id -> answer id
const views = new WeakMap();       // message object -> its turn element
const socket = new ChatSocket((state) => { $("conn").textContent = state ? "WebSocket " + state : ""; });

// ---------------------------------------------------------------- models and settings

async function loadModels() {
  try {
    const list = await api("/v1/models");
    models.clear();
    $("model").replaceChildren();
    // a model listed with an embedding_length serves /v1/embeddings only: it cannot chat
    const chatModels = list.data.filter((m) => !m.embedding_length);
    for (const m of chatModels) { models.set(m.id, m); $("model").add(new Option(m.id, m.id)); }
    setStatus(chatModels.length ? "" : "No chat model is served yet.");
  } catch (e) { setStatus("Cannot list models: " + e.message); }
  showConversation(current ? current.id : store.currentId());
}

/** The defaults a model's facts give: its default max_tokens; everything else the server's own default. */
function modelDefaults(model) {
  const m = models.get(model);
  // never more than the max tokens input allows (a model served with a small context can have a larger default)
  const bound = m && ((m.limits && m.limits.max_context_tokens) || m.context_length);
  const max = m && m.default_max_tokens ? (bound ? Math.min(m.default_max_tokens, bound) : m.default_max_tokens) : "";
  return { max_tokens: max, temperature: 0.7, top_p: "", top_k: "",
    min_p: "", repeat_penalty: "", seed: "", stop: "", system: "" };
}

/** Bounds from the model's limits (GET /v1/models); the inference service enforces them, the inputs say them. */
function applyLimits() {
  const m = models.get($("model").value);
  const limits = (m && m.limits) || {};
  const context = limits.max_context_tokens || (m && m.context_length) || "";
  $("max-tokens").max = context;
  $("temperature").max = limits.max_temperature || 2;
  $("top-k").max = limits.max_top_k || "";
  $("repeat-penalty").max = limits.max_repeat_penalty || "";
  $("seed").max = limits.max_seed || "";
  $("max-tokens-hint").textContent = m
    ? `default ${num(m.default_max_tokens)} · context ${num(m.context_length)} tokens per slot` : "";
  $("settings-note").textContent = m
    ? `Bounds from ${m.id}'s limits: at most ${num(limits.max_stop_strings)} stop strings (${num(limits.max_stop_bytes)} bytes), ` +
      `temperature ≤ ${limits.max_temperature}, top_k ≤ ${num(limits.max_top_k)}, repeat_penalty ≤ ${limits.max_repeat_penalty}, ` +
      `${num(limits.max_messages)} messages, prompts of ${num(limits.max_prompt_bytes)} bytes. Empty fields use the model's defaults.`
    : "";
}

const SETTING_INPUTS = { max_tokens: "max-tokens", temperature: "temperature", top_p: "top-p", top_k: "top-k",
  min_p: "min-p", repeat_penalty: "repeat-penalty", seed: "seed", stop: "stop-strings", system: "system-prompt" };

function fillSettings(settings) {
  for (const [key, id] of Object.entries(SETTING_INPUTS)) $(id).value = settings[key] ?? "";
}

function readSettings() {
  const s = {};
  for (const [key, id] of Object.entries(SETTING_INPUTS)) s[key] = $(id).value;
  return s;
}

/** The sampling fields of a chat frame: only those set. */
function samplingFields(settings) {
  const out = {};
  const number = (v) => (v === "" || v === undefined || v === null ? undefined : Number(v));
  for (const key of ["max_tokens", "temperature", "top_p", "top_k", "min_p", "repeat_penalty", "seed"]) {
    const v = number(settings[key]);
    if (v !== undefined && !Number.isNaN(v)) out[key] = v;
  }
  const stop = String(settings.stop || "").split("\n").filter((s) => s.length);
  if (stop.length) out.stop = stop;
  return out;
}

function onSettingsChanged() {
  if (!current) return;
  current.settings = readSettings();
  persist();
}

function onModelChanged() {
  if (!current) return;
  const before = models.get(current.model);
  const beforeDefault = before ? modelDefaults(current.model).max_tokens : "";
  current.model = $("model").value;
  // max_tokens follows the model unless the person changed it from the previous model's default
  const s = readSettings();
  if (!before || String(s.max_tokens) === String(beforeDefault) || s.max_tokens === "") {
    s.max_tokens = modelDefaults(current.model).max_tokens;
  }
  current.settings = s;
  fillSettings(s);
  applyLimits();
  persist();
}

// ---------------------------------------------------------------- conversations

function persist() {
  if (current) current.updated = Date.now();
  const problem = store.save(conversations.map((c) => ({ ...c, messages: c.messages.map(stripView) })));
  if (problem) setStatus(problem);
}

const stripView = (m) => { const { pending, ...rest } = m; return rest; };

function newConversation() {
  if (current && !current.messages.length) { closeDrawer(); $("prompt").focus(); return; }   // already a new one
  const model = $("model").value || (current && current.model) || "";
  const c = store.create(model, modelDefaults(model));
  conversations.unshift(c);
  showConversation(c.id);
  persist();
  closeDrawer();
  $("prompt").focus();
}

/** Shows a conversation (the newest when the id is unknown; a new one when there is none). */
function showConversation(id) {
  current = conversations.find((c) => c.id === id) || conversations[0] || null;
  if (!current) {
    const model = $("model").value;
    current = store.create(model, modelDefaults(model));
    conversations.unshift(current);
  }
  store.setCurrentId(current.id);
  // an answer that was streaming when the page went away ended with it
  for (const m of current.messages) {
    if (m.streaming && !runningByConv.has(current.id)) {
      delete m.streaming;
      m.error = { message: "The page was closed or reloaded before this answer ended", code: "interrupted" };
      if (m.content) m.incomplete = true;
      markFailedBefore(current, current.messages.indexOf(m));
    }
  }
  if (current.model && models.has(current.model)) $("model").value = current.model;
  else if ($("model").value) current.model = $("model").value;
  const settings = { ...modelDefaults(current.model), ...(current.settings || {}) };
  if (settings.max_tokens === undefined) settings.max_tokens = modelDefaults(current.model).max_tokens;
  current.settings = settings;
  fillSettings(settings);
  applyLimits();
  renderList();
  renderMessages();
  updateButtons();
}

function renderList() {
  const list = $("conversation-list");
  list.replaceChildren();
  for (const c of conversations) {
    const isCurrent = current && c.id === current.id;
    const item = el("li", { class: "conversation" + (isCurrent ? " current" : ""), dataset: { testid: "conversation", id: c.id } });
    const open = el("button", { type: "button", class: "conversation-open", dataset: { testid: "conversation-open" },
      "aria-current": isCurrent ? "true" : null }, c.title || "New chat");
    open.addEventListener("click", () => { showConversation(c.id); closeDrawer(); });
    item.append(open);
    if (runningByConv.has(c.id)) item.append(el("span", { class: "badge" }, "answering"));
    if (isCurrent) {
      const rename = el("button", { type: "button", class: "link small", dataset: { testid: "conversation-rename" } }, "Rename");
      rename.addEventListener("click", () => startRename(item, c));
      const exp = el("button", { type: "button", class: "link small", dataset: { testid: "conversation-export" } }, "Export");
      exp.addEventListener("click", () => download(fileName(c), store.exportJson(c)));
      const del = el("button", { type: "button", class: "link small danger", dataset: { testid: "conversation-delete" } }, "Delete");
      del.addEventListener("click", () => deleteConversation(c));
      item.append(el("div", { class: "conversation-actions" }, rename, exp, del));
    }
    list.append(item);
  }
}

const fileName = (c) => "conversation-" + (c.title || "chat").replace(/[^\w-]+/g, "-").replace(/^-|-$/g, "").slice(0, 40).toLowerCase() + ".json";

function startRename(item, c) {
  const input = el("input", { type: "text", class: "rename-input", value: c.title, "aria-label": "Conversation title",
    dataset: { testid: "rename-input" }, maxlength: 100 });
  const done = (keep) => {
    if (keep && input.value.trim()) { c.title = input.value.trim(); c.renamed = true; persist(); }
    renderList();
    item.isConnected || $("conversation-list").querySelector(`[data-id="${c.id}"] .conversation-open`)?.focus();
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); done(true); }
    else if (e.key === "Escape") { e.preventDefault(); done(false); }
  });
  input.addEventListener("blur", () => done(true), { once: true });
  item.replaceChildren(input);
  input.focus();
  input.select();
}

function deleteConversation(c) {
  if (!confirm(`Delete the conversation "${c.title}"? This cannot be undone.`)) return;
  const answer = runningByConv.get(c.id);
  if (answer) socket.stop(answer);
  conversations = conversations.filter((x) => x.id !== c.id);
  persist();
  showConversation(conversations[0] ? conversations[0].id : "");
  persist();
}

async function importFile(file) {
  try {
    const c = store.importJson(await file.text());
    if (!c.model || !models.has(c.model)) c.model = $("model").value;
    c.settings = { ...modelDefaults(c.model), ...c.settings };
    conversations.unshift(c);
    showConversation(c.id);
    persist();
    setStatus(`Imported "${c.title}" (${c.messages.length} messages).`);
  } catch (e) {
    setStatus("Cannot import " + file.name + ": " + e.message);
  }
}

// ---------------------------------------------------------------- messages

function renderMessages() {
  const box = $("messages");
  box.replaceChildren();
  current.messages.forEach((m, i) => box.append(turnView(m, i)));
  const last = [...current.messages].reverse().find((m) => m.role === "assistant" && m.stats);
  $("stats").textContent = last ? statsText(last.stats) : "";
  box.lastElementChild?.scrollIntoView({ block: "end" });
}

function turnView(m, index) {
  const turn = el("div", { class: "turn " + m.role, dataset: { index } });
  views.set(m, turn);
  fillTurn(turn, m, index);
  return turn;
}

function rerender(m) {
  const turn = views.get(m);
  if (turn && turn.isConnected) fillTurn(turn, m, current.messages.indexOf(m));
}

function fillTurn(turn, m, index) {
  turn.replaceChildren();
  turn.toggleAttribute("data-failed", !!m.failed);
  const busy = runningByConv.has(current.id);
  const isLast = index === current.messages.length - 1;
  if (m.role === "user" || m.role === "system") {
    turn.append(el("div", { class: "msg " + m.role, dataset: { testid: "msg-" + m.role } }, m.content));
    const meta = el("div", { class: "turn-meta" });
    if (m.failed) meta.append(el("span", { class: "badge warn", dataset: { testid: "failed-note" } }, "Not answered: left out of what is sent next"));
    if (!busy) {
      meta.append(actionButton("Edit", "msg-edit", () => startEdit(turn, m, index)));
      if (m.failed && isLastTurn(index)) meta.append(actionButton("Retry", "msg-retry", () => regenerate(index + 1)));
    }
    turn.append(meta);
    return;
  }
  // assistant
  if (m.pending && !m.content) {
    turn.append(el("div", { class: "msg pending", dataset: { testid: "msg-pending" }, "aria-label": "Waiting for the answer" },
      el("span", { class: "dots", "aria-hidden": "true" }, "●●●")));
    return;
  }
  if (m.content) {
    const body = el("div", { class: "msg assistant markdown" + (m.incomplete ? " incomplete" : ""), dataset: { testid: "msg-assistant" } });
    renderMarkdown(body, m.content);
    turn.append(body);
  }
  if (m.error) {
    turn.classList.add("has-error");
    turn.append(el("div", { class: "msg error", role: "alert", dataset: { testid: "msg-error", code: m.error.code || "" } },
      (m.content ? "The answer was cut off: " : "No answer: ") + m.error.message));
  }
  const meta = el("div", { class: "turn-meta" });
  if (m.stats) meta.append(el("span", { class: "msg-stats", dataset: { testid: "msg-stats" } }, statsText(m.stats)));
  if (!m.pending && !busy) {
    if (m.content) meta.append(actionButton("Copy", "msg-copy", (b) => copyText(m.content).then((ok) => flash(b, ok ? "Copied" : "Copy failed"))));
    if (m.content && !m.error) meta.append(actionButton("Edit", "msg-edit", () => startEdit(turn, m, index)));
    if (isLast) meta.append(actionButton(m.error ? "Retry" : "Regenerate", "msg-regenerate", () => regenerate(index)));
  }
  turn.append(meta);
}

/** Whether the user message at this index is the last turn (only its own error entry, if any, follows). */
function isLastTurn(index) {
  const rest = current.messages.slice(index + 1);
  return rest.every((m) => m.role === "assistant" && m.error);
}

function actionButton(label, testid, onClick) {
  const b = el("button", { type: "button", class: "link small", dataset: { testid } }, label);
  b.addEventListener("click", () => onClick(b));
  return b;
}

/** Edits a message in place: a user message is sent again (what followed it is replaced), an answer only saved. */
function startEdit(turn, m, index) {
  const area = el("textarea", { class: "edit-area", rows: Math.min(12, Math.max(3, m.content.split("\n").length + 1)),
    "aria-label": m.role === "user" ? "Edit the message" : "Edit the answer", dataset: { testid: "edit-text" } });
  area.value = m.content;
  const save = el("button", { type: "button", dataset: { testid: m.role === "user" ? "edit-send" : "edit-save" } },
    m.role === "user" ? "Send" : "Save");
  const cancel = el("button", { type: "button", class: "secondary", dataset: { testid: "edit-cancel" } }, "Cancel");
  const note = m.role === "user" && index < current.messages.length - 1
    ? el("span", { class: "muted small" }, "Sending replaces everything after this message.") : null;
  const commit = () => {
    const text = area.value;
    if (m.role === "user") {
      if (!text.trim() || runningByConv.has(current.id)) return;
      current.messages = current.messages.slice(0, index);
      current.messages.push({ role: "user", content: text });
      if (!current.renamed && index === firstUserIndex()) current.title = store.titleOf(current);
      persist();
      renderMessages();
      startAnswer(current);
    } else {
      m.content = text;
      delete m.incomplete;
      persist();
      rerender(m);
    }
  };
  save.addEventListener("click", commit);
  cancel.addEventListener("click", () => fillTurn(turn, m, index));
  area.addEventListener("keydown", (e) => {
    if (e.key === "Escape") { e.preventDefault(); fillTurn(turn, m, index); }
    else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); commit(); }
  });
  turn.replaceChildren(area, el("div", { class: "row" }, save, cancel, note));
  area.focus();
}

const firstUserIndex = () => current.messages.findIndex((m) => m.role === "user");

/** Answers the conversation again from the message at this index on (an answer or an error entry). */
function regenerate(index) {
  if (runningByConv.has(current.id)) return;
  current.messages = current.messages.slice(0, index);
  for (const m of current.messages) if (m.role === "user" && isTrailingFailure(m)) delete m.failed;
  persist();
  renderMessages();
  startAnswer(current);
}

// a failed user turn at the end of the conversation is the one being retried
const isTrailingFailure = (m) => m === [...current.messages].reverse().find((x) => x.role === "user");

function markFailedBefore(conv, index) {
  for (let i = index - 1; i >= 0; i--) {
    if (conv.messages[i].role === "user") { conv.messages[i].failed = true; break; }
    if (conv.messages[i].role === "assistant" && !conv.messages[i].error) break;
  }
}

// ---------------------------------------------------------------- sending and answers

function send() {
  const text = $("prompt").value;
  if (!text.trim() || !current || runningByConv.has(current.id)) return;
  if (!$("model").value) { setStatus("No model is served yet."); return; }
  if (!$("chat-form").reportValidity()) return;
  $("prompt").value = "";
  current.messages.push({ role: "user", content: text });
  if (!current.renamed) current.title = store.titleOf(current);
  persist();
  renderList();
  $("messages").append(turnView(current.messages[current.messages.length - 1], current.messages.length - 1));
  startAnswer(current);
}

/** The messages sent for a conversation: the system prompt of its settings, then its history. */
function requestMessages(conv, extraUser) {
  const history = store.historyOf(conv.messages);
  if (extraUser) history.push({ role: "user", content: extraUser });
  const system = (conv.settings && conv.settings.system || "").trim();
  return system && !history.some((m) => m.role === "system") ? [{ role: "system", content: system }, ...history] : history;
}

function startAnswer(conv) {
  if (conv === current) conv.settings = readSettings();
  const request = { model: conv.model, messages: requestMessages(conv), ...samplingFields(conv.settings || {}) };
  const msg = { role: "assistant", content: "", pending: true, streaming: true };
  conv.messages.push(msg);
  const state = { conv, msg, sentAt: performance.now(), firstAt: 0, lastAt: 0, deltas: 0, frame: 0 };
  const id = socket.chat(request, {
    onDelta: (text) => onDelta(state, text),
    onDone: (frame) => onDone(id, state, frame),
    onError: (error) => onError(id, state, error),
  });
  running.set(id, state);
  runningByConv.set(conv.id, id);
  if (conv === current) {
    $("messages").append(turnView(msg, conv.messages.length - 1));
    views.get(msg).scrollIntoView({ block: "end" });
    refreshTurns();
  }
  renderList();
  updateButtons();
}

function onDelta(state, text) {
  const now = performance.now();
  if (!state.firstAt) state.firstAt = now;
  state.lastAt = now;
  state.deltas++;
  state.msg.content += text;
  if (state.msg.pending) delete state.msg.pending;
  if (!state.frame) {
    state.frame = requestAnimationFrame(() => {
      state.frame = 0;
      rerender(state.msg);
      const turn = views.get(state.msg);
      if (turn && turn.isConnected) turn.scrollIntoView({ block: "end" });
    });
  }
  if (!state.saved || now - state.saved > 1000) { state.saved = now; persist(); }
}

/** Statistics of an answer: the server's timings when it sent them, else what this page measured. */
function measure(state, frame) {
  const usage = frame.usage || {};
  const s = { finish: frame.finish_reason, tokens: usage.completion_tokens ?? null };
  if (usage.prompt_tokens) s.prompt_tokens = usage.prompt_tokens;
  const cached = usage.prompt_tokens_details && usage.prompt_tokens_details.cached_tokens;
  if (cached !== undefined && cached !== null) s.cached = cached;
  const t = frame.timings;
  if (t) {
    s.source = "server";
    s.ttft = t.time_to_first_token_ms;
    s.tps = t.tokens_per_second > 0 ? t.tokens_per_second : null;
    s.queue = t.queue_ms || 0;
  } else {
    // A stopped answer has no server timings: the rate is that of the streamed part, from the first delta to the
    // last one this page received (the first token itself is not counted: it ends the time to first token).
    s.source = "browser";
    s.ttft = state.firstAt ? state.firstAt - state.sentAt : null;
    const span = (state.lastAt - state.firstAt) / 1000;
    const tokens = s.tokens || state.deltas;
    s.tps = state.deltas >= 2 && span > 0 && tokens > 1 ? (tokens - tokens / state.deltas) / span : null;
  }
  return s;
}

function statsText(s) {
  const parts = [];
  if (s.finish === "cancelled") parts.push(`stopped after ${num(s.tokens)} tokens streamed`);
  else parts.push(`${num(s.tokens)} tokens`);
  if (s.ttft !== null && s.ttft !== undefined) parts.push(`time to first token ${Math.round(s.ttft)} ms${s.source === "browser" ? " (measured here)" : ""}`);
  if (s.tps) parts.push(`${s.tps.toFixed(1)} tokens/s${s.source === "browser" ? " (streamed part, measured here)" : ""}`);
  else parts.push("tokens/s not measurable (fewer than 2 tokens streamed)");
  if (s.queue) parts.push(`queued ${Math.round(s.queue)} ms`);
  if (s.prompt_tokens) parts.push(`prompt ${num(s.prompt_tokens)} tokens` + (s.cached !== undefined ? ` (${num(s.cached)} cached)` : ""));
  parts.push(`finish: ${s.finish}`);
  return parts.join(" · ");
}

function endAnswer(id, state) {
  running.delete(id);
  runningByConv.delete(state.conv.id);
  if (state.frame) cancelAnimationFrame(state.frame);
  delete state.msg.pending;
  delete state.msg.streaming;
}

function onDone(id, state, frame) {
  endAnswer(id, state);
  const { conv, msg } = state;
  msg.stats = measure(state, frame);
  if (!msg.content) {
    // nothing was written (stopped before the first token, or an empty answer): no empty bubble
    msg.error = { message: frame.finish_reason === "cancelled" ? "Stopped before the first token" : "The model wrote nothing (finish: " + frame.finish_reason + ")", code: frame.finish_reason };
    markFailedBefore(conv, conv.messages.indexOf(msg));
  }
  persist();
  if (conv === current) {
    $("stats").textContent = statsText(msg.stats);
    refreshTurns();
  }
  renderList();
  updateButtons();
}

function onError(id, state, error) {
  endAnswer(id, state);
  const { conv, msg } = state;
  msg.error = { message: error.message || "Unknown error", code: error.code || error.type || "" };
  if (msg.content) msg.incomplete = true;
  markFailedBefore(conv, conv.messages.indexOf(msg));
  persist();
  if (conv === current) {
    $("stats").textContent = "";
    refreshTurns();
  }
  renderList();
  updateButtons();
}

/** Redraws the turns whose actions depend on whether an answer runs. */
function refreshTurns() {
  current.messages.forEach((m) => rerender(m));
}

function stop() {
  const id = current && runningByConv.get(current.id);
  if (id) socket.stop(id);
}

function updateButtons() {
  const busy = current && runningByConv.has(current.id);
  $("send").disabled = !!busy;
  $("stop").disabled = !busy;
}

function setStatus(text) { $("status").textContent = text; }

// ---------------------------------------------------------------- model facts and the rendered prompt

async function showModelFacts() {
  const dialog = $("model-dialog");
  const facts = $("model-facts");
  const id = $("model").value;
  facts.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  dialog.showModal();
  if (!id) { facts.replaceChildren(el("p", {}, "No model is served.")); return; }
  let m;
  try { m = await api("/v1/models/" + encodeURIComponent(id)); } catch (e) { facts.replaceChildren(el("p", { role: "alert" }, e.message)); return; }
  // /v1/models does not say where the template comes from: a one-message chat rendered by the model shows it
  let sample = null;
  try { sample = await api("/apply-template", { model: id, messages: [{ role: "user", content: "Hello" }], add_generation_prompt: true }); }
  catch (e) { sample = { error: e.message }; }
  const limits = m.limits || {};
  const notReported = "not reported by /v1/models";
  const rows = [
    ["Model", m.id, "fact-id"],
    ["Context per slot", num(m.context_length) + " tokens", "fact-context"],
    ["Slots", m.slots !== undefined ? num(m.slots) : notReported, "fact-slots"],
    ["Ready endpoints", num(m.endpoints), "fact-endpoints"],
    ["Default max_tokens", num(m.default_max_tokens), "fact-default-max-tokens"],
    ["Chat template", m.chat_template_source || templateFact(sample), "fact-template"],
    ["File size", m.file_size_bytes ? bytes(m.file_size_bytes) : notReported, "fact-file-size"],
    ["Quantisation", m.quantization || m.quantisation || notReported, "fact-quantisation"],
  ];
  facts.replaceChildren();
  for (const [label, value, testid] of rows) facts.append(el("dt", {}, label), el("dd", { dataset: { testid } }, value));
  facts.append(el("dt", {}, "Limits"), el("dd", { dataset: { testid: "fact-limits" } },
    el("table", { class: "compact" }, el("tbody", {}, Object.entries(limits).map(([k, v]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, num(v))))))));
}

function templateFact(sample) {
  if (sample.error) return "refuses chats: " + sample.error;
  if (sample.prompt === "Hello") return "none: the messages are joined as they are (plain completion)";
  return `the model's own: "Hello" becomes ${JSON.stringify(sample.prompt)} (${num(sample.tokens)} tokens)`;
}

async function showPrompt() {
  const dialog = $("prompt-dialog");
  const draft = $("prompt").value.trim() ? $("prompt").value : "";
  const messages = requestMessages(current, draft);
  // the prompt of the last answer when the message box is empty: the history up to the last user message
  while (messages.length && messages[messages.length - 1].role === "assistant" && !draft) messages.pop();
  $("prompt-meta").textContent = "Loading…";
  $("prompt-text").textContent = "";
  dialog.showModal();
  if (!messages.length) { $("prompt-meta").textContent = "The conversation is empty: write a message first."; return; }
  try {
    const r = await api("/apply-template", { model: $("model").value, messages, add_generation_prompt: true });
    $("prompt-meta").textContent = `${num(r.tokens)} tokens for ${$("model").value}, from ${messages.length} messages` +
      (draft ? " (the conversation and the message box)" : " (the conversation up to its last message)") +
      " — rendered by the model's own template on its inference service (POST /apply-template).";
    $("prompt-text").textContent = r.prompt;
  } catch (e) {
    $("prompt-meta").textContent = "The model's template refused: " + e.message;
  }
}

// ---------------------------------------------------------------- the drawer (narrow screens)

const narrow = window.matchMedia("(max-width: 760px)");

function openDrawer() {
  document.body.classList.add("drawer-open");
  $("sidebar-toggle").setAttribute("aria-expanded", "true");
  $("sidebar").inert = false;
  $("drawer-backdrop").hidden = false;
  $("sidebar").querySelector("button")?.focus();
}

function closeDrawer() {
  if (!document.body.classList.contains("drawer-open")) return;
  document.body.classList.remove("drawer-open");
  $("sidebar-toggle").setAttribute("aria-expanded", "false");
  $("drawer-backdrop").hidden = true;
  $("sidebar").inert = narrow.matches;
  $("sidebar-toggle").focus();
}

function layoutChanged() {
  document.body.classList.remove("drawer-open");
  $("drawer-backdrop").hidden = true;
  $("sidebar-toggle").setAttribute("aria-expanded", "false");
  $("sidebar").inert = narrow.matches;
}

// ---------------------------------------------------------------- wiring

$("chat-form").addEventListener("submit", (e) => { e.preventDefault(); send(); });
$("prompt").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
});
$("stop").addEventListener("click", stop);
$("clear").addEventListener("click", newConversation);
$("model").addEventListener("change", onModelChanged);
for (const id of Object.values(SETTING_INPUTS)) {
  $(id).addEventListener("change", onSettingsChanged);
  $(id).addEventListener("input", onSettingsChanged);
}
$("reset-settings").addEventListener("click", () => { fillSettings(modelDefaults($("model").value)); onSettingsChanged(); });
$("import").addEventListener("click", () => $("import-file").click());
$("import-file").addEventListener("change", (e) => { const f = e.target.files[0]; e.target.value = ""; if (f) importFile(f); });
$("model-info").addEventListener("click", showModelFacts);
$("show-prompt").addEventListener("click", showPrompt);
for (const b of document.querySelectorAll("dialog [data-close]")) b.addEventListener("click", () => b.closest("dialog").close());
for (const d of document.querySelectorAll("dialog")) {
  d.addEventListener("click", (e) => { if (e.target === d) d.close(); });   // a click on the backdrop
}
$("sidebar-toggle").addEventListener("click", () => (document.body.classList.contains("drawer-open") ? closeDrawer() : openDrawer()));
$("drawer-backdrop").addEventListener("click", closeDrawer);
document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDrawer(); });
narrow.addEventListener("change", layoutChanged);
window.addEventListener("storage", (e) => {
  // another tab changed the conversations: take them unless an answer runs here
  if (e.key && e.key.startsWith("llm-ui.conversations") && !running.size) {
    conversations = store.load();
    showConversation(current && current.id);
  }
});
layoutChanged();
conversations.sort((a, b) => (b.updated || 0) - (a.updated || 0));
loadModels();
