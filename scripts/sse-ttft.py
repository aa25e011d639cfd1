#!/usr/bin/env python3
"""Time to first token over the gateway's SSE API with a plain socket client (no HTTP library in the way).

Usage: scripts/sse-ttft.py MODEL [REQUESTS] [HOST:PORT]      e.g. scripts/sse-ttft.py random-134m-q4_0 200

Sends REQUESTS streamed chat completions (max_tokens 4, temperature 0) one after another on one keep-alive
connection with TCP_NODELAY and prints the p50 and p90 of the time from sending a request to the first chunk whose
delta carries non-empty content. Used to tell the gateway's share of the SSE time to first token from the share of
the JDK HttpClient that ./bench.sh chat uses (README, "Performance").
"""
import json
import socket
import sys
import time


def main():
    model = sys.argv[1]
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    host, port = (sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1:8080").rsplit(":", 1)
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": "Once upon a time"}],
                       "max_tokens": 4, "temperature": 0, "seed": 42, "stream": True}).encode()
    request = (b"POST /v1/chat/completions HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
               b"Content-Length: %d\r\n\r\n" % (host.encode(), len(body))) + body
    try:
        sock = socket.create_connection((host, int(port)))
    except OSError as e:
        sys.exit("cannot connect to the gateway at %s:%s (%s); start it with ./run.sh" % (host, port, e))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        sock.sendall(request)
        received = b""
        first = None
        while True:
            data = sock.recv(65536)
            if not data:
                sys.exit("the gateway closed the connection")
            received += data
            if first is None and b'"content":"' in received.replace(b'"content":""', b""):
                first = time.perf_counter() - start
            if b"HTTP/1.1 200" not in received[:16]:
                sys.exit("not a 200 answer: " + received[:200].decode(errors="replace"))
            if b"data: [DONE]" in received and received.endswith(b"0\r\n\r\n"):
                break
        if first is not None:
            times.append(first * 1000)
    if not times:
        sys.exit("no answer carried text")
    times.sort()
    print("SSE TTFT p50 %.2f ms, p90 %.2f ms (%d of %d answers with text)"
          % (times[len(times) // 2], times[len(times) * 9 // 10], len(times), requests))


if __name__ == "__main__":
    main()
