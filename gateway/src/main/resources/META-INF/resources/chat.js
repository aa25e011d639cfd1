// Chat page: streams answers over the /v1/chat/ws WebSocket (protocol in gateway/README.md).
"use strict";
const history = [];          // [{role, content}] of the conversation so far
const models = new Map();    // id -> /v1/models entry (context_length, default_max_tokens, limits)
let socket = null;
let current = null;          // {id, el, text, sentAt, firstAt}
let counter = 0;

async function loadModels() {
  try {
    const list = await api("/v1/models");
    $("model").innerHTML = "";
    models.clear();
    for (const m of list.data) { models.set(m.id, m); $("model").add(new Option(m.id, m.id)); }
    $("status").textContent = list.data.length ? "" : "No model is served yet.";
    applyModelDefaults();
  } catch (e) { $("status").textContent = "Cannot list models: " + e.message; }
}

// The inputs follow the selected model: its default max_tokens, its context and the limits its service enforces.
function applyModelDefaults() {
  const m = models.get($("model").value);
  if (!m) return;
  const limits = m.limits || {};
  $("max-tokens").value = m.default_max_tokens || "";
  $("max-tokens").max = limits.max_context_tokens || m.context_length || "";
  if (limits.max_temperature) $("temperature").max = limits.max_temperature;
}

function connect() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  const key = apiKey() ? "?api_key=" + encodeURIComponent(apiKey()) : "";
  const ws = new WebSocket(proto + "//" + location.host + "/v1/chat/ws" + key);
  socket = ws;
  ws.onmessage = (ev) => onFrame(JSON.parse(ev.data));
  ws.onclose = (ev) => {
    if (socket !== ws) return;
    if (current) finish("connection closed");
    socket = null;
    // 1000: closed for idleness; reconnect when the next message is sent. Anything else: reconnect now.
    if (ev.code !== 1000) setTimeout(connect, 1000);
  };
}

function addMessage(role, text) {
  const el = document.createElement("div");
  el.className = "msg " + role;
  el.dataset.testid = "msg-" + role;
  el.textContent = text;
  $("messages").appendChild(el);
  el.scrollIntoView({ block: "end" });
  return el;
}

function send() {
  const text = $("prompt").value.trim();
  if (!text || current) return;
  if (!socket) connect();
  if (socket.readyState === WebSocket.CONNECTING) { socket.addEventListener("open", send, { once: true }); return; }
  if (socket.readyState !== WebSocket.OPEN) return;
  $("prompt").value = "";
  history.push({ role: "user", content: text });
  addMessage("user", text);
  current = { id: "m" + (++counter), el: addMessage("assistant", ""), text: "", sentAt: performance.now(), firstAt: 0 };
  socket.send(JSON.stringify({ type: "chat", id: current.id, model: $("model").value, messages: history,
    max_tokens: Number($("max-tokens").value) || undefined, temperature: Number($("temperature").value) }));
  $("send").disabled = true; $("stop").disabled = false;
}

function onFrame(f) {
  if (!current || f.id !== current.id) return;
  if (f.type === "delta") {
    if (!current.firstAt) current.firstAt = performance.now();
    current.text += f.content;
    current.el.textContent = current.text;
    current.el.scrollIntoView({ block: "end" });
  } else if (f.type === "done") {
    const t = f.timings || {};
    const ttft = t.time_to_first_token_ms ?? (current.firstAt ? current.firstAt - current.sentAt : 0);
    $("stats").textContent = `time to first token ${Math.round(ttft)} ms · ` +
      `${(t.tokens_per_second ?? 0).toFixed(1)} tokens/s · ${f.usage.completion_tokens} tokens · ${f.finish_reason}`;
    finish();
  } else if (f.type === "error") {
    addMessage("error", f.error.message);
    finish();
  }
}

function finish() {
  if (current.text) history.push({ role: "assistant", content: current.text });
  else history.pop();                       // drop the unanswered user turn so roles keep alternating
  current = null;
  $("send").disabled = false; $("stop").disabled = true;
}

$("chat-form").addEventListener("submit", (e) => { e.preventDefault(); send(); });
$("model").addEventListener("change", applyModelDefaults);
$("prompt").addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); send(); } });
$("stop").addEventListener("click", () => { if (current && socket) socket.send(JSON.stringify({ type: "stop", id: current.id })); });
$("clear").addEventListener("click", () => { history.length = 0; $("messages").innerHTML = ""; $("stats").textContent = ""; });
loadModels();
connect();
