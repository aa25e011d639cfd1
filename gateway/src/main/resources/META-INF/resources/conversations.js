// Conversations kept in this browser (localStorage), and their export and import as JSON.
//
// A conversation: {id, title, created, updated, model, settings, messages}. A message: {role, content} plus, for the
// UI, `failed` (a user turn that got no answer), `error` ({message, code} shown in place of the answer), `stats`
// (what the answer's done frame and the browser measured) and `incomplete` (a partial answer cut by an error).
// What is sent to the model is historyOf(): failed turns and errors are shown but never sent.

const KEY = "llm-ui.conversations.v1";
const CURRENT = "llm-ui.current.v1";
export const EXPORT_FORMAT = "llm-platform-conversation";

const ROLES = new Set(["system", "user", "assistant"]);

export function newId() {
  return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
}

export function load() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(list) ? list.filter((c) => c && c.id && Array.isArray(c.messages)) : [];
  } catch {
    return [];
  }
}

/** Saves all conversations; returns an error message when the browser refuses (storage full or disabled). */
export function save(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
    return "";
  } catch (e) {
    return "Could not save the conversations in this browser: " + e.message;
  }
}

export function currentId() { return localStorage.getItem(CURRENT) || ""; }
export function setCurrentId(id) { try { localStorage.setItem(CURRENT, id); } catch { /* not kept: harmless */ } }

export function create(model, settings) {
  const now = Date.now();
  return { id: newId(), title: "New chat", created: now, updated: now, model, settings: { ...settings }, messages: [] };
}

/** A title from the first user message. */
export function titleOf(conversation) {
  const first = conversation.messages.find((m) => m.role === "user");
  if (!first) return "New chat";
  const line = first.content.replace(/\s+/g, " ").trim();
  return line.length > 48 ? line.slice(0, 47) + "…" : line || "New chat";
}

/** The messages sent to the model: failed turns, error entries and a running answer left out; role and content. */
export function historyOf(messages) {
  return messages.filter((m) => !m.failed && !m.error && !m.streaming && ROLES.has(m.role))
    .map((m) => ({ role: m.role, content: m.content }));
}

/** The JSON of one conversation, for a file. */
export function exportJson(conversation) {
  const { id, title, created, updated, model, settings, messages } = conversation;
  return JSON.stringify({ format: EXPORT_FORMAT, version: 1, conversation: { id, title, created, updated, model,
    settings, messages } }, null, 2);
}

/**
 * A conversation read from an exported file, or from any {messages: [{role, content}]} (an OpenAI request body);
 * throws with a reason when the file is not one. The result gets a new id.
 */
export function importJson(text) {
  let data;
  try { data = JSON.parse(text); } catch (e) { throw new Error("The file is not JSON: " + e.message); }
  const source = data && data.format === EXPORT_FORMAT ? data.conversation : data;
  if (!source || !Array.isArray(source.messages)) throw new Error("The file has no messages list");
  const messages = source.messages.map((m, i) => {
    if (!m || !ROLES.has(m.role) || typeof m.content !== "string") {
      throw new Error(`Message ${i + 1} needs a role (system, user or assistant) and a text content`);
    }
    const out = { role: m.role, content: m.content };
    if (m.failed === true) out.failed = true;
    if (m.incomplete === true) out.incomplete = true;
    if (m.error && typeof m.error.message === "string") out.error = { message: m.error.message, code: String(m.error.code || "") };
    if (m.stats && typeof m.stats === "object") out.stats = m.stats;
    return out;
  });
  const now = Date.now();
  const conversation = {
    id: newId(), created: now, updated: now, messages,
    model: typeof source.model === "string" ? source.model : "",
    settings: source.settings && typeof source.settings === "object" ? source.settings : {},
    title: "",
  };
  conversation.title = typeof source.title === "string" && source.title.trim() ? source.title.trim().slice(0, 100) : titleOf(conversation);
  return conversation;
}
