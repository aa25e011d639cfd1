// The official OpenAI SDK against the running gateway: model list, chat, streaming chat with usage, unknown model.
// Usage: node openai-client.mjs <gateway base URL> <model>. Prints one JSON line with what it saw; exits 1 on a failure.
import OpenAI from "openai";

const [base, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL: base + "/v1", apiKey: "unused", maxRetries: 0 });
const fail = (message) => { console.log(JSON.stringify({ ok: false, message })); process.exit(1); };

const models = await client.models.list();
const ids = models.data.map((m) => m.id);
if (!ids.includes(model)) fail(`model ${model} not in ${ids}`);

const request = { model, messages: [{ role: "user", content: "Once upon a time" }], temperature: 0, max_tokens: 40 };
const full = await client.chat.completions.create(request);
const text = full.choices[0].message.content;
if (!text) fail("empty non-streamed answer");
if (full.usage.total_tokens !== full.usage.prompt_tokens + full.usage.completion_tokens) fail("usage does not add up");

let streamed = "";
let usage = null;
let finish = null;
const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
for await (const chunk of stream) {
  streamed += chunk.choices?.[0]?.delta?.content ?? "";
  finish = chunk.choices?.[0]?.finish_reason ?? finish;
  if (chunk.usage) usage = chunk.usage;
}
if (streamed !== text) fail(`streamed ${JSON.stringify(streamed)} differs from ${JSON.stringify(text)}`);
if (!usage || usage.completion_tokens !== full.usage.completion_tokens) fail("stream usage missing or different");

let status = null;
try {
  await client.chat.completions.create({ ...request, model: "no-such-model" });
} catch (e) {
  status = e.status;
}
if (status !== 404) fail(`unknown model gave ${status}`);
console.log(JSON.stringify({ ok: true, models: ids, text, finish, usage }));
