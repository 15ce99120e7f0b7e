#!/usr/bin/env python3
"""Measures cable-lsp on a corpus folder over the real stdio protocol, side by
side with what a user has today (ripgrep), and prints a Markdown table.

  lsp_bench.py BINARY CORPUS_DIR [--samples N]

Cold start (empty cache) and warm start (the cache the cold start wrote): time
from `initialized` to the end of the indexing `$/progress`, and the server's peak
RSS (VmHWM). Then p50/p99 round-trip latency of definition and hover (on REF
items), references (on banners), completion (a REF item's cable, its serial's
first digit typed) and workspace/symbol (ids, phrases; misspelled
words; each keystroke of a phrase as an editor sends it), against `rg -l ID DIR`
(finding the files that mention an id) and `rg -c REF DIR` (one pass over the
folder).
"""
import json, os, random, re, subprocess, sys, tempfile, time

def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

class Lsp:
    def __init__(self, binary, env):
        self.p = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, env=env)
        self.next = 0

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        n = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                n = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(n))

    def request(self, method, params):
        self.next += 1
        rid = self.next
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                return m.get("result")
            if "method" in m and "id" in m:  # a server request: answer it
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_progress_end(self):
        while True:
            m = self.read()
            if "method" in m and "id" in m:
                self.send({"jsonrpc": "2.0", "id": m["id"], "result": None})
            if m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end":
                return m["params"]["value"].get("message")

    def peak_rss_mb(self):
        with open(f"/proc/{self.p.pid}/status") as f:
            for l in f:
                if l.startswith("VmHWM:"):
                    return int(l.split()[1]) / 1024

    def stop(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.p.wait(timeout=10)

def start(binary, corpus, cache_dir):
    env = dict(os.environ, CABLE_LSP_CACHE_DIR=cache_dir, CABLE_LSP_LOG="warn")
    lsp = Lsp(binary, env)
    uri = "file://" + os.path.abspath(corpus)
    lsp.request("initialize", {"processId": None, "workspaceFolders": [{"uri": uri, "name": "corpus"}],
                               # as VS Code and Neovim: progress, and they watch files for us
                               "capabilities": {"window": {"workDoneProgress": True},
                                                "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}})
    t0 = time.perf_counter()
    lsp.notify("initialized", {})
    msg = lsp.wait_progress_end()
    return lsp, time.perf_counter() - t0, msg

def files_of(corpus):
    out = []
    for d, _, fs in os.walk(corpus):
        out += [os.path.join(d, f) for f in fs if f.endswith(".txt")]
    return sorted(out)

REF_ITEM = re.compile(r"^(?:REF: )?(?:\[?[A-Z]\]?(?:\(#\))?\. |¶[A-Z]\. )?(\d\d )?([A-Z][A-Z ]+?) (\d+)\s*$")
BANNER = re.compile(r"^(UNCLAS|CONFIDENTIAL|SECRET|C O N F|S E C R E T)")

def targets(path):
    """(line, char) of REF item ids and of the banner in a cable file."""
    refs, banner = [], None
    with open(path, encoding="utf-8", errors="replace") as f:
        for i, l in enumerate(f):
            l = l.rstrip("\n")
            if banner is None and BANNER.match(l):
                banner = (i, 0)
            if (l.startswith("REF: ") or refs) and REF_ITEM.match(l):
                m = REF_ITEM.match(l)
                refs.append((i, m.start(2) if not m.group(1) else m.start(1), m.start(3)))
            elif refs and l.strip() and not REF_ITEM.match(l):
                if l.startswith("Classified") or re.match(r"^\S*\d", l):
                    break
    return refs, banner

def timed(f):
    t = time.perf_counter()
    r = f()
    return (time.perf_counter() - t) * 1000, r

def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t

def warm_page_cache(files):
    """Reads every file, right before a timed pass: this machine's kernel
    (DAMON) pages out what was not touched for a minute, so a warming done
    earlier may be gone. Each side starts from the same warm page cache."""
    for f in files:
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass

def main():
    # Python's cycle collector would stop this client for 10-25 ms now and
    # then (the file list and the decoded answers are many objects): the
    # latencies measured are the server's and the JSON's, not the collector's.
    import gc
    gc.disable()
    binary, corpus = sys.argv[1], sys.argv[2]
    samples = int(sys.argv[sys.argv.index("--samples") + 1]) if "--samples" in sys.argv else 200
    rnd = random.Random(7)
    files = files_of(corpus)
    size = sum(os.path.getsize(f) for f in files)
    rows = []
    print(f"corpus: {len(files)} cables, {size / 1e6:.0f} MB", file=sys.stderr)

    def rg_once():
        warm_page_cache(files)
        return run(["rg", "-c", "REF", corpus])
    rg_pass = min(rg_once() for _ in range(3))
    with tempfile.TemporaryDirectory() as cache:
        warm_page_cache(files)
        lsp, cold, msg = start(binary, corpus, cache)
        cold_rss = lsp.peak_rss_mb()
        lsp.stop()
        warm_page_cache(files)
        lsp, warm, msg2 = start(binary, corpus, cache)
        warm_rss = lsp.peak_rss_mb()
        rows.append(("cold index (empty cache), to the end of `$/progress`", f"{cold:.2f} s",
                     f"`rg -c REF`: {rg_pass:.2f} s", f"{cold / rg_pass:.1f}x"))
        rows.append(("warm start (from the cache)", f"{warm:.2f} s", "", ""))
        rows.append(("peak RSS, cold / warm", f"{cold_rss:.0f} MB / {warm_rss:.0f} MB", "", ""))

        lat = {"definition": [], "hover": [], "references": [],
               "completion of a REF item's cable (its serial's first digit typed)": [],
               "workspace/symbol": [],
               "workspace/symbol, misspelled words": [], "workspace/symbol, each keystroke of a phrase": []}
        found = {k: 0 for k in lat}  # answers that were not empty
        picked = rnd.sample(files, min(len(files), samples * 3))
        opened = 0
        ids = []
        for path in picked:
            if len(lat["definition"]) >= samples:
                break
            refs, banner = targets(path)
            if not refs or banner is None:
                continue
            uri = "file://" + os.path.abspath(path)
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": text}})
            lsp.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})  # parsed before timing
            line, ch, serial = rnd.choice(refs)
            pos = {"textDocument": {"uri": uri}, "position": {"line": line, "character": ch + 1}}
            ms, r = timed(lambda: lsp.request("textDocument/definition", pos))
            lat["definition"].append(ms)
            found["definition"] += bool(r)
            ms, r = timed(lambda: lsp.request("textDocument/hover", pos))
            lat["hover"].append(ms)
            found["hover"] += bool(r)
            bpos = {"textDocument": {"uri": uri}, "position": {"line": banner[0], "character": 1},
                    "context": {"includeDeclaration": False}}
            ms, r = timed(lambda: lsp.request("textDocument/references", bpos))
            lat["references"].append(ms)
            found["references"] += bool(r)
            cpos = {"textDocument": {"uri": uri}, "position": {"line": line, "character": serial + 1}}
            k = "completion of a REF item's cable (its serial's first digit typed)"
            ms, r = timed(lambda: lsp.request("textDocument/completion", cpos))
            lat[k].append(ms)
            found[k] += bool(r and r.get("items"))
            lsp.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            ids.append(os.path.basename(path)[:-4])
            opened += 1
        queries = [i[:rnd.randint(4, len(i))] for i in ids[: samples // 2]]
        queries += rnd.choices(["mtcr poc", "election", "energy dialogue", "zimbabwe", "export control",
                                "08STATE", "BERLIN", "human rights", "demarche", "budget crisis"], k=samples - len(queries))
        # Misspellings find no whole word: every record is scored by nucleo.
        typos = rnd.choices(["elction", "zmbabwe", "hmn rghts", "demrche", "bugdet crisis", "expot control",
                             "enrgy dialog", "mtrc poc"], k=samples // 4)
        # An editor asks again at each keystroke: "e", "en", "ene", ...
        phrases = ["energy dialogue", "human rights", "export control", "08STATE1"]
        typed = [p[:n] for p in phrases for n in range(1, len(p) + 1) if not p[:n].endswith(" ")]
        for k, qs in [("workspace/symbol", queries), ("workspace/symbol, misspelled words", typos),
                      ("workspace/symbol, each keystroke of a phrase", typed)]:
            for q in qs:
                ms, r = timed(lambda: lsp.request("workspace/symbol", {"query": q}))
                lat[k].append(ms)
                found[k] += bool(r)
        lsp.stop()

    rg_l = sorted(run(["rg", "-l", i, corpus]) * 1000 for i in rnd.sample(ids, min(len(ids), 7)))
    for k, xs in lat.items():
        rows.append((f"{k} ({len(xs)} requests, {found[k]} answered) p50 / p99",
                     f"{percentile(xs, 50):.2f} / {percentile(xs, 99):.2f} ms",
                     f"`rg -l ID`: {percentile(rg_l, 50):.0f} ms", ""))
    print(f"\n{len(files)} cables ({size / 1e6:.0f} MB):\n")
    print("| measure | cable-lsp | alternative | ratio |\n| --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    print(f"\n(indexing: {msg}; warm: {msg2})")

if __name__ == "__main__":
    main()
