// Shared helpers: API calls with the optional API key (kept in localStorage), element lookup.
"use strict";
const $ = (id) => document.getElementById(id);

function apiKey() { return localStorage.getItem("llm-api-key") || ""; }

async function api(path, body) {
  const headers = { "Content-Type": "application/json" };
  if (apiKey()) headers.Authorization = "Bearer " + apiKey();
  const res = await fetch(path, body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status === 401) {
    const key = prompt("This gateway needs an API key:");
    if (key) { localStorage.setItem("llm-api-key", key); return api(path, body); }
  }
  const data = await res.json().catch(() => ({ error: { message: "HTTP " + res.status } }));
  if (!res.ok) throw new Error((data.error && data.error.message) || "HTTP " + res.status);
  return data;
}
