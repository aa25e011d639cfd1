// The official OpenAI SDK against the running gateway: model list, chat, streaming chat with usage, structured output
// (response_format json_schema, whole and streamed; a schema keyword the engine cannot enforce refused), a named
// tool_choice answered with a call whose arguments match the function's parameters (whole and streamed), unknown model,
// logit_bias forcing a token of the published vocabulary and refused for an id outside it, embeddings (base64, the
// client's default, and float: the same vectors) from the embedding model, refused for the chat model.
// Tools go to <tool model> (a template that renders them); offered to <model>, which has no template, they are refused.
// Usage: node openai-client.mjs <gateway base URL> <model> <embedding model> <tool model>. Prints one JSON line with
// what it saw; exits 1 on a failure.
import OpenAI from "openai";

const [base, model, embeddingModel, toolModel] = process.argv.slice(2);
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
const weather = {
  type: "function",
  function: {
    name: "weather",
    description: "The weather in a city for some days",
    parameters: {
      type: "object",
      properties: { city: { type: "string", maxLength: 20 }, days: { type: "integer", minimum: 1, maximum: 7 } },
      required: ["city", "days"],
      additionalProperties: false,
    },
  },
};
const toolRequest = {
  model: toolModel, messages: [{ role: "user", content: "What is the weather in Paris?" }], temperature: 0, max_tokens: 150,
  tools: [weather], tool_choice: { type: "function", function: { name: "weather" } },
};
const checkCall = (call, how) => {
  if (call?.type !== "function" || call.function?.name !== "weather") fail(`${how} call: ${JSON.stringify(call)}`);
  let args;
  try { args = JSON.parse(call.function.arguments); } catch (e) { fail(`${how} arguments not JSON: ${JSON.stringify(call)}`); }
  const ok = typeof args.city === "string" && args.city.length <= 20 && Number.isInteger(args.days)
    && args.days >= 1 && args.days <= 7 && Object.keys(args).length === 2;
  if (!ok) fail(`${how} arguments do not match the parameters: ${call.function.arguments}`);
  return args;
};
let toolsRefused = null;
try {
  await client.chat.completions.create({ ...toolRequest, model });
} catch (e) {
  toolsRefused = { status: e.status, param: e.param };
}
if (toolsRefused?.status !== 400 || toolsRefused?.param !== "tools") {
  fail(`tools offered to a model without a template gave ${JSON.stringify(toolsRefused)}`);
}
const called = await client.chat.completions.create(toolRequest);
if (called.choices[0].finish_reason !== "tool_calls" || called.choices[0].message.content !== null) {
  fail(`named tool_choice answered ${JSON.stringify(called.choices[0])}`);
}
const toolArguments = checkCall(called.choices[0].message.tool_calls?.[0], "whole");
let streamedCall = null;
let callFinish = null;
for await (const chunk of await client.chat.completions.create({ ...toolRequest, stream: true })) {
  const delta = chunk.choices?.[0]?.delta;
  if (delta?.tool_calls?.length) streamedCall = delta.tool_calls[0];
  callFinish = chunk.choices?.[0]?.finish_reason ?? callFinish;
}
if (callFinish !== "tool_calls") fail(`streamed named tool_choice ended with ${callFinish}`);
checkCall(streamedCall, "streamed");
const described = await client.models.retrieve(model);
const vocabulary = described.vocabulary_size;
if (!(vocabulary > 0)) fail(`no vocabulary_size in ${JSON.stringify(described)}`);
const forced = Math.floor(vocabulary / 2);
const biasedRequest = { model, prompt: "Once upon a time", temperature: 0, max_tokens: 4, stream: true };
const pieces = async (extra) => {
  const out = [];
  for await (const chunk of await client.completions.create({ ...biasedRequest, ...extra })) {
    if (chunk.choices?.[0]?.text) out.push(chunk.choices[0].text);
  }
  return out;
};
const unbiased = await pieces({});
const biased = await pieces({ logit_bias: { [forced]: 100 } });
if (biased.length !== 4 || new Set(biased).size !== 1 || biased.join("") === unbiased.join("")) {
  fail(`logit_bias +100 on token ${forced} gave ${JSON.stringify(biased)} (unbiased ${JSON.stringify(unbiased)})`);
}
let biasRefused = null;
try {
  await client.completions.create({ ...biasedRequest, stream: false, logit_bias: { [vocabulary]: -100 } });
} catch (e) {
  biasRefused = { status: e.status, param: e.param };
}
if (biasRefused?.status !== 400 || biasRefused?.param !== "logit_bias") {
  fail(`logit_bias on token ${vocabulary} (outside the vocabulary) gave ${JSON.stringify(biasRefused)}`);
}
const texts = ["Once upon a time", "The cat sat on the mat."];
const width = (await client.models.retrieve(embeddingModel)).embedding_length;
if (!(width > 0)) fail(`no embedding_length for ${embeddingModel}`);
const decoded = await client.embeddings.create({ model: embeddingModel, input: texts });
if (decoded.data.length !== 2 || decoded.data.some((d, i) => d.index !== i || d.embedding.length !== width)) {
  fail(`embeddings: ${JSON.stringify(decoded.data.map((d) => [d.index, d.embedding.length]))}, width ${width}`);
}
for (const d of decoded.data) {
  const norm = Math.sqrt(d.embedding.reduce((sum, v) => sum + v * v, 0));
  if (Math.abs(norm - 1) > 1e-3) fail(`embedding ${d.index} has norm ${norm}`);
}
if (!(decoded.usage.prompt_tokens > 0) || decoded.usage.total_tokens !== decoded.usage.prompt_tokens) {
  fail(`embedding usage ${JSON.stringify(decoded.usage)}`);
}
const floats = await client.embeddings.create({ model: embeddingModel, input: texts, encoding_format: "float" });
floats.data.forEach((d, i) => d.embedding.forEach((v, j) => {
  if (Math.fround(v) !== decoded.data[i].embedding[j]) fail(`float and base64 differ at ${i}/${j}: ${v}`);
}));
const again = await client.embeddings.create({ model: embeddingModel, input: texts[1] });
if (again.data[0].embedding.some((v, j) => v !== decoded.data[1].embedding[j])) fail("the same text embedded twice differs");
if (decoded.data[0].embedding.every((v, j) => v === decoded.data[1].embedding[j])) fail("two texts have one vector");
let embedRefused = null;
try {
  await client.embeddings.create({ model, input: "x" });
} catch (e) {
  embedRefused = { status: e.status, param: e.param };
}
if (embedRefused?.status !== 400 || embedRefused?.param !== "model") {
  fail(`embeddings of the chat model gave ${JSON.stringify(embedRefused)}`);
}
const embedding = { width, tokens: decoded.usage.prompt_tokens };
console.log(JSON.stringify({ ok: true, models: ids, text, finish, usage, structured, toolArguments, biased, embedding }));
