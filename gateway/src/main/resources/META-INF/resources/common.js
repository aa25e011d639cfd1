// Shared helpers of both pages: element lookup and building, API calls with the optional API key (kept in
// localStorage), number formatting. An ES module: no globals.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * Builds an element: el("button", {class: "x", dataset: {testid: "y"}, onclick: f}, "text", child...).
 * Text children become text nodes; nothing is ever parsed as HTML.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (value === true) node.setAttribute(key, "");
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function apiKey() { return localStorage.getItem("llm-api-key") || ""; }

/** An error of the gateway's one error shape ({error: {message, type, param, code}}), with its HTTP status. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || "HTTP " + status);
    this.status = status;
    this.code = body && body.code;
    this.type = body && body.type;
  }
}

/** GET (no body) or POST (a JSON body) to the gateway; throws ApiError with the gateway's message. */
export async function api(path, body) {
  const headers = { "Content-Type": "application/json" };
  if (apiKey()) headers.Authorization = "Bearer " + apiKey();
  const res = await fetch(path, body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status === 401) {
    const key = prompt("This gateway needs an API key:");
    if (key) { localStorage.setItem("llm-api-key", key); return api(path, body); }
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data && data.error);
  return data;
}

/** 12345 -> "12,345"; null/undefined -> the fallback. */
export function num(value, fallback = "—") {
  return value === undefined || value === null || Number.isNaN(value) ? fallback : Number(value).toLocaleString("en-US");
}

/** Bytes in a human unit. */
export function bytes(value) {
  if (!value && value !== 0) return null;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = Number(value), i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i ? v.toFixed(1) : v) + " " + units[i];
}

/** Offers a text as a file download. */
export function download(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies a text to the clipboard; falls back to a hidden text area where the Clipboard API is refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** Briefly changes a button's label (e.g. "Copied") and restores it. */
export function flash(button, label, ms = 1500) {
  const before = button.dataset.label || button.textContent;
  button.dataset.label = before;
  button.textContent = label;
  clearTimeout(button._flash);
  button._flash = setTimeout(() => { button.textContent = before; }, ms);
}
