// The official OpenAI SDK against the running gateway: model list, chat, streaming chat with usage, structured output
// (response_format json_schema, whole and streamed; a schema keyword the engine cannot enforce refused), unknown model.
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
const schema = {
  type: "object",
  properties: { ok: { type: "boolean" }, mood: { enum: ["happy", "sad"] } },
  required: ["ok", "mood"],
  additionalProperties: false,
};
const structuredRequest = {
  model, messages: [{ role: "user", content: "Was Lily happy?" }], temperature: 0, max_tokens: 120,
  response_format: { type: "json_schema", json_schema: { name: "answer", strict: true, schema } },
};
const checkAnswer = (content, finishReason, how) => {
  if (finishReason !== "stop") fail(`${how} structured answer ended with ${finishReason}: ${JSON.stringify(content)}`);
  let value;
  try { value = JSON.parse(content); } catch (e) { fail(`${how} structured answer is not JSON: ${JSON.stringify(content)}`); }
  if (typeof value.ok !== "boolean" || !["happy", "sad"].includes(value.mood) || Object.keys(value).length !== 2) {
    fail(`${how} structured answer does not match the schema: ${JSON.stringify(content)}`);
  }
  return value;
};
const wholeStructured = await client.chat.completions.create(structuredRequest);
const structured = checkAnswer(wholeStructured.choices[0].message.content, wholeStructured.choices[0].finish_reason,
  "whole");
let streamedStructured = "";
let streamedFinish = null;
for await (const chunk of await client.chat.completions.create({ ...structuredRequest, stream: true })) {
  streamedStructured += chunk.choices?.[0]?.delta?.content ?? "";
  streamedFinish = chunk.choices?.[0]?.finish_reason ?? streamedFinish;
}
checkAnswer(streamedStructured, streamedFinish, "streamed");
let refused = null;
try {
  await client.chat.completions.create({ ...structuredRequest, response_format: { type: "json_schema",
    json_schema: { name: "answer", schema: { type: "string", pattern: "^a+$" } } } });
} catch (e) {
  refused = { status: e.status, param: e.param };
}
if (refused?.status !== 400 || refused?.param !== "response_format") {
  fail(`a schema with 'pattern' gave ${JSON.stringify(refused)}, not a 400 on response_format`);
}
console.log(JSON.stringify({ ok: true, models: ids, text, finish, usage, structured }));
