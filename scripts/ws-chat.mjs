// A minimal client of the gateway's WebSocket chat protocol (see README.md), with no dependencies.
// Usage: node --experimental-websocket scripts/ws-chat.mjs "Once upon a time" [model]
// (Node 22 and newer have WebSocket built in; the flag is needed on Node 20.)
const base = (process.env.GATEWAY_URL || "http://localhost:" + (process.env.GATEWAY_PORT || "8080"));
const prompt = process.argv[2] || "Once upon a time";
let model = process.argv[3];
if (!model) {
  const models = await (await fetch(base + "/v1/models")).json();
  model = models.data[0].id;
}
const ws = new WebSocket(base.replace(/^http/, "ws") + "/v1/chat/ws");
ws.onopen = () => ws.send(JSON.stringify({
  type: "chat", id: "1", model, max_tokens: 64, temperature: 0,
  messages: [{ role: "user", content: prompt }],
}));
ws.onmessage = (event) => {
  const frame = JSON.parse(event.data);
  if (frame.type === "delta") process.stdout.write(frame.content);
  else if (frame.type === "done") {
    console.log(`\n[${frame.finish_reason}] ${JSON.stringify(frame.usage)} ${JSON.stringify(frame.timings)}`);
    ws.close();
  } else if (frame.type === "error") {
    console.error(`\n[error] ${frame.error.message}`);
    ws.close();
    process.exitCode = 1;
  }
};
ws.onerror = () => { console.error("WebSocket error: is the gateway running at " + base + "?"); process.exitCode = 1; };
