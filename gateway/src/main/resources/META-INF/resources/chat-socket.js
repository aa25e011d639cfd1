// The /v1/chat/ws protocol as a frontend uses it (gateway/README.md, "WebSocket"): one socket for the page, several
// answers on it at once, each named by its id; `stop` frames; reconnection with back-off.
//
// - A socket closed with 1000 (the gateway closes idle sockets so) is opened again when the next answer is asked for.
// - Any other close (1001 going away on a gateway shutdown, a network failure, a refused handshake) is retried after
//   1 s, then 2, 4, 8 ... up to 30 s, until a socket opens; the back-off starts again after a socket has opened.
// - Answers running when a socket closes end with an error: the gateway cancels them when their socket closes.
import { apiKey } from "./common.js";

const MAX_BACKOFF_MS = 30000;

export class ChatSocket {
  /** onState(text): what the connection is doing ("" when open), for a status line. */
  constructor(onState = () => {}) {
    this.onState = onState;
    this.ws = null;
    this.answers = new Map();   // id -> {onDelta, onDone, onError}
    this.queue = [];            // frames waiting for an open socket
    this.backoff = 1000;
    this.retryTimer = null;
    this.counter = 0;
  }

  /** A fresh answer id (unique per page). */
  nextId() { return "a" + Date.now().toString(36) + "-" + (++this.counter); }

  /**
   * Starts an answer: sends a chat frame ({model, messages, sampling...}) under a new id and calls the handlers with
   * that answer's frames. Returns the id.
   */
  chat(request, handlers) {
    const id = this.nextId();
    this.answers.set(id, handlers);
    this.send({ type: "chat", id, ...request });
    return id;
  }

  /** Asks the gateway to stop an answer; it answers with done/cancelled. */
  stop(id) {
    const handlers = this.answers.get(id);
    if (!handlers) return;
    // Not sent yet (no socket is open): it never reaches the gateway, and ends here as the gateway would end it.
    const queued = this.queue.findIndex((f) => f.id === id && f.type === "chat");
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.answers.delete(id);
      handlers.onDone({ type: "done", id, finish_reason: "cancelled", usage: { completion_tokens: 0 } });
      return;
    }
    this.send({ type: "stop", id });
  }

  running() { return this.answers.size; }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
      return;
    }
    this.queue.push(frame);
    if (!this.ws || this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) this.connect();
  }

  connect() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const key = apiKey() ? "?api_key=" + encodeURIComponent(apiKey()) : "";
    const ws = new WebSocket(proto + "//" + location.host + "/v1/chat/ws" + key);
    this.ws = ws;
    this.onState("connecting…");
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.backoff = 1000;
      this.onState("");
      const pending = this.queue.splice(0);
      for (const frame of pending) ws.send(JSON.stringify(frame));
    };
    ws.onmessage = (ev) => {
      let frame;
      try { frame = JSON.parse(ev.data); } catch { return; }
      this.dispatch(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      // Answers of this socket are cancelled by the gateway; frames queued for it are sent on the next one.
      for (const [id, handlers] of this.answers) {
        if (this.queue.some((f) => f.id === id && f.type === "chat")) continue;
        this.answers.delete(id);
        handlers.onError({ message: "The connection to the gateway closed (code " + ev.code + ") before the answer ended",
          code: "connection_closed" });
      }
      if (ev.code === 1000 && !this.queue.length) { this.onState(""); return; }   // idle close: reopen on demand
      const wait = this.backoff;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      this.onState(`disconnected (code ${ev.code}); reconnecting in ${Math.round(wait / 1000)} s…`);
      this.retryTimer = setTimeout(() => this.connect(), wait);
    };
  }

  dispatch(frame) {
    if (frame.type === "pong") return;
    const handlers = this.answers.get(frame.id);
    if (!handlers) return;
    if (frame.type === "delta") handlers.onDelta(frame.content || "");
    else if (frame.type === "done") { this.answers.delete(frame.id); handlers.onDone(frame); }
    else if (frame.type === "error") { this.answers.delete(frame.id); handlers.onError(frame.error || {}); }
  }
}
