#!/usr/bin/env python3
"""Latency of `hblint server`: how long after a change the client has its diagnostics.

Opens a page as an editor would, then types into it: each change is one character inserted
(an incremental `didChange`), and the time is taken from sending it to receiving the
`publishDiagnostics` of that version, the debounce window included. Prints the time to the
first diagnostics after opening (configuration, site index and a cold lint) and the
distribution over the changes. A benchmark, not a test: run it on an idle machine.

Usage: scripts/bench-server.py [--bin target/release/hblint] [--page PAGE] [--changes 200]
The default page is a 50 KB job-family page of the corpus beside the project.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PAGE = os.path.join(HERE, "..", "..", "shared", "corpus", "job-families", "finance", "internal-audit", "index.html.md")


class Client:
    def __init__(self, binary, cwd):
        self.process = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def diagnostics_of_version(self, uri, version):
        while True:
            message = self.receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri:
                if params.get("version") == version:
                    return params["diagnostics"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "hblint"))
    parser.add_argument("--page", default=DEFAULT_PAGE)
    parser.add_argument("--changes", type=int, default=200)
    args = parser.parse_args()
    if not os.path.isfile(args.page):
        sys.exit(f"no such page: {args.page} (the corpus is beside the project: ../shared/corpus)")
    page = os.path.abspath(args.page)
    text = open(page, encoding="utf-8").read()
    uri = "file://" + page
    client = Client(os.path.abspath(args.bin), os.path.dirname(page))
    client.request("initialize", {"processId": None, "capabilities": {}})
    client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    start = time.perf_counter()
    client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    found = client.diagnostics_of_version(uri, 1)
    opened = (time.perf_counter() - start) * 1000
    # Type into the middle of the page: at the end of its middle line, one character a change.
    lines = text.split("\n")
    line = len(lines) // 2
    column = len(lines[line].encode("utf-16-le")) // 2
    times = []
    for i in range(args.changes):
        version = i + 2
        change = {"range": {"start": {"line": line, "character": column + i}, "end": {"line": line, "character": column + i}},
                  "text": "x"}
        start = time.perf_counter()
        client.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
        client.diagnostics_of_version(uri, version)
        times.append((time.perf_counter() - start) * 1000)
    client.request("shutdown", None)
    client.send({"jsonrpc": "2.0", "method": "exit"})
    client.process.wait()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"page: {args.page} ({len(text.encode())} bytes, {len(found)} diagnostics)")
    print(f"open to first diagnostics: {opened:.1f} ms")
    print(f"change to diagnostics over {len(times)} changes: min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
          f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
