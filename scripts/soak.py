#!/usr/bin/env python3
"""Soak: random edits over 50 open documents, with requests, for a while, against
the release server over stdio. Reports edits per second and RSS over time, and
checks at the end that every document's text is the client's.

  scripts/soak.py [--minutes M] [--binary PATH]
"""
import json, os, random, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(__file__))
from lsp_bench import Lsp

def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for l in f:
            if l.startswith("VmRSS:"):
                return int(l.split()[1]) / 1024

def pos_of(text, i):
    """(line, UTF-16 character) of code point index i."""
    line = text.count("\n", 0, i)
    start = text.rfind("\n", 0, i) + 1
    return line, len(text[start:i].encode("utf-16-le")) // 2

def main():
    minutes = float(arg("--minutes", "2"))
    binary = arg("--binary", "target/release/cable-lsp")
    rnd = random.Random(11)
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([binary, "gen", "--count", "50", "--seed", "3", "--out", d + "/c"], check=True,
                       stdout=subprocess.DEVNULL)
        docs = []
        for root, _, fs in os.walk(d + "/c"):
            for f in fs:
                with open(os.path.join(root, f), encoding="utf-8") as h:
                    docs.append(["file:///soak/" + f, h.read(), 1])
        env = dict(os.environ, CABLE_LSP_LOG="warn", CABLE_LSP_CACHE_DIR=d + "/cache")
        lsp = Lsp(binary, env)
        lsp.request("initialize", {"processId": None, "capabilities": {}})
        lsp.notify("initialized", {})
        for uri, text, v in docs:
            lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": v, "text": text}})
        inserts = ["", "a", " ", "\n", "(S) ", "(C)", "REF A", "reftel", "para 3", "¶", "’s", "12. (U) New.\n", "POC DOC 66"]
        t0 = time.time(); last = t0; edits = 0; requests = 0
        samples = [(0.0, rss_mb(lsp.p.pid))]
        while time.time() - t0 < minutes * 60:
            doc = rnd.choice(docs)
            uri, text, v = doc
            a = rnd.randrange(len(text) + 1)
            b = min(len(text), a + rnd.randrange(12))
            new = rnd.choice(inserts)
            (al, ac), (bl, bc) = pos_of(text, a), pos_of(text, b)
            doc[1] = text[:a] + new + text[b:]
            doc[2] = v + 1
            lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v + 1},
                       "contentChanges": [{"range": {"start": {"line": al, "character": ac}, "end": {"line": bl, "character": bc}}, "text": new}]})
            edits += 1
            if edits % 25 == 0:
                u = rnd.choice(docs)[0]
                lsp.request(rnd.choice(["textDocument/documentSymbol", "textDocument/foldingRange"]), {"textDocument": {"uri": u}})
                requests += 1
            if time.time() - last >= 10:
                last = time.time()
                samples.append((last - t0, rss_mb(lsp.p.pid)))
        secs = time.time() - t0
        bad = 0
        for uri, text, v in docs:
            t = lsp.request("cable/syntaxTree", {"textDocument": {"uri": uri}})
            bad += t["text"] != text or t["version"] != v
        samples.append((time.time() - t0, rss_mb(lsp.p.pid)))
        lsp.stop()
    warm = next((r for s, r in samples if s >= 20), samples[-1][1])
    print(f"soak: {edits} edits and {requests} requests over {len(docs)} documents in {secs:.0f} s "
          f"({edits / secs:.0f} edits/s); RSS {samples[0][1]:.0f} MB at start, {warm:.0f} MB after 20 s, "
          f"{samples[-1][1]:.0f} MB at the end (max {max(r for _, r in samples):.0f} MB); "
          f"{len(docs) - bad} of {len(docs)} documents hold exactly the client's text")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
