"""Benchmark: a 2,000-property input schema in the browser, the operation page beside json-editor 2.17.2.

The schema: 1,600 strings with a title and a description, 400 enums of three values. It is imported as a test
catalog operation (`bench-big 1.0 big_form`, Tray's wire format) into a throwaway database, and the explorer is
served by gunicorn with gunicorn.conf.py and DEBUG=0 on a random port. json-editor 2.17.2 comes from npm
(`npm pack` into a temporary folder) and renders the same schema on a local static page on 127.0.0.1.

In one headless Chromium (/usr/bin/chromium), each page is loaded 5 times in a fresh context, alternating, and
timed from navigation start to "all 2,000 controls in the DOM and laid out": a MutationObserver installed before
any page script counts the controls as they are added; at 2,000 it forces layout (getBoundingClientRect of the
last) and reads performance.now(). Reports the medians and their ratio (the issue's target: the operation page
at most 1/2 of json-editor's time, aiming for 1/4), plus the operation page's time to first byte and HTML size, for
this schema and for the largest bundled one (target: < 30 ms on the server).

Needs npm (for json-editor) and Chromium. Run: `make bench` or `.venv/bin/python bench/bench_big_schema.py`.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import tarfile
import tempfile
import threading
import time
from pathlib import Path

import httpx
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CATALOG = ROOT / "explorer" / "catalog" / "bundled"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
JSON_EDITOR = "@json-editor/json-editor@2.17.2"
STRINGS, ENUMS, RUNS = 1600, 400, 5
CONNECTOR, VERSION, OPERATION = "bench-big", "1.0", "big_form"
PAGE = f"/connectors/{CONNECTOR}/{VERSION}/{OPERATION}/"
# The controls of the schema's properties on each page (the explorer's are named `in.<property>`).
EXPLORER_CONTROLS = '#input-editor input[name^="in."]:not([type=hidden]):not([type=checkbox]), #input-editor select'
JSON_EDITOR_CONTROLS = '#editor input[name^="root["], #editor select[name^="root["]'

# Installed before any script of the page: resolves with performance.now() (ms since navigation start) once
# SELECTOR matches COUNT elements and the last one has been laid out. It counts the added nodes that match (cheap
# enough not to slow the page it measures: the HTML parser adds nodes one by one) and confirms with one full query.
READY_SCRIPT = """
window.__controlsReady = new Promise((resolve) => {
  let seen = 0;
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(SELECTOR)) seen += 1;
        if (node.firstElementChild) seen += node.querySelectorAll(SELECTOR).length;
      }
    }
    if (seen < COUNT) return;
    const controls = document.querySelectorAll(SELECTOR);
    seen = controls.length;
    if (seen < COUNT) return;
    observer.disconnect();
    controls[controls.length - 1].getBoundingClientRect();
    resolve(performance.now());
  });
  observer.observe(document, { childList: true, subtree: true });
});
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def big_schema() -> dict:
    properties: dict[str, dict] = {}
    for i in range(STRINGS):
        properties[f"text_{i:04d}"] = {
            "type": "string",
            "title": f"Text field {i}",
            "description": f"The text of field {i}: what the third-party service expects in it, in a sentence.",
        }
    for i in range(ENUMS):
        properties[f"choice_{i:04d}"] = {"type": "string", "title": f"Choice {i}", "enum": ["alpha", "beta", "gamma"]}
    return {"type": "object", "properties": properties}


def write_catalog(folder: Path, schema: dict) -> Path:
    """A catalog folder in Tray's wire format holding the one benchmark operation."""
    connector = {"name": CONNECTOR, "version": VERSION, "title": "Benchmark: a big schema", "description": ""}
    operation = {"name": OPERATION, "title": "2,000 fields", "description": "", "inputSchema": schema}
    (folder / "operations" / CONNECTOR).mkdir(parents=True)
    (folder / "connectors.json").write_text(json.dumps({"elements": [connector]}))
    (folder / "operations" / CONNECTOR / f"{VERSION}.json").write_text(json.dumps({"elements": [operation]}))
    return folder


def start_explorer(work: Path, catalog: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "EXPLORER_VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "EXPLORER_BASE_URL": f"http://127.0.0.1:{port}",
    }
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["import_catalog", "-v", "0"],
        ["import_catalog", str(catalog), "-v", "0"],
        ["collectstatic", "--no-input", "-v", "0"],
    ):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    log = (work / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [GUNICORN, "explorer.wsgi", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_for(f"http://127.0.0.1:{port}/", server)
    return server


def wait_for(url: str, server: subprocess.Popen) -> None:
    for _ in range(200):
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"{url} did not answer")


def json_editor_page(folder: Path, schema: dict) -> Path:
    """json-editor's dist file from `npm pack`, beside a page that renders `schema` with it."""
    subprocess.run(["npm", "pack", JSON_EDITOR, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    (tarball,) = folder.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    site = folder / "site"
    site.mkdir()
    shutil.copy(folder / "package" / "dist" / "jsoneditor.js", site / "jsoneditor.js")
    (site / "schema.js").write_text("window.SCHEMA = " + json.dumps(schema) + ";\n")
    (site / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>json-editor 2.17.2</title>'
        '<script src="jsoneditor.js"></script><script src="schema.js"></script></head>'
        '<body><div id="editor"></div><script>'
        'new JSONEditor(document.getElementById("editor"), {schema: window.SCHEMA, theme: "html"});'
        "</script></body></html>"
    )
    return site


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/index.html"


def controls_ready_ms(browser: Browser, url: str, selector: str) -> tuple[float, int]:
    """Milliseconds from navigation start to SELECTOR × 2,000 laid out, in a fresh context; and the final count."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        script = READY_SCRIPT.replace("SELECTOR", json.dumps(selector)).replace("COUNT", str(STRINGS + ENUMS))
        page.add_init_script(script)
        page.goto(url, wait_until="commit", timeout=60_000)
        ready = page.evaluate("window.__controlsReady")
        count = page.evaluate("(selector) => document.querySelectorAll(selector).length", selector)
        return ready, count
    finally:
        context.close()


def ttfb_and_size(url: str) -> tuple[float, int, int]:
    """Median time to the response's first byte over 5 GETs (after one warm-up), as a browser asks (gzip accepted);
    the bytes sent that way, and the HTML's own size."""
    times, sent = [], 0
    with httpx.Client(timeout=30, headers={"Accept-Encoding": "gzip"}) as client:
        for attempt in range(RUNS + 1):
            started = time.perf_counter()
            with client.stream("GET", url) as response:
                chunks = response.iter_raw()
                sent = len(next(chunks))
                elapsed = (time.perf_counter() - started) * 1000
                sent += sum(len(chunk) for chunk in chunks)
            if attempt:
                times.append(elapsed)
        html = len(client.get(url, headers={"Accept-Encoding": "identity"}).content)
    return statistics.median(times), sent, html


def largest_bundled_page() -> str:
    found = []
    for path in (BUNDLED_CATALOG / "operations").glob("*/*.json"):
        for element in json.loads(path.read_text())["elements"]:
            size = len(json.dumps(element.get("inputSchema") or {}))
            found.append((size, f"/connectors/{path.parent.name}/{path.stem}/{element['name']}/"))
    return max(found)[1]


def measure(browser: Browser, explorer_url: str, editor_url: str) -> tuple[list[float], list[float]]:
    for url, selector in ((explorer_url, EXPLORER_CONTROLS), (editor_url, JSON_EDITOR_CONTROLS)):
        _, count = controls_ready_ms(browser, url, selector)  # warm-up, and a check of what is counted
        if count != STRINGS + ENUMS:
            raise RuntimeError(f"{url}: {count} controls, not {STRINGS + ENUMS}")
    explorer, editor = [], []
    for _ in range(RUNS):
        explorer.append(controls_ready_ms(browser, explorer_url, EXPLORER_CONTROLS)[0])
        editor.append(controls_ready_ms(browser, editor_url, JSON_EDITOR_CONTROLS)[0])
    return explorer, editor


def missing_tools() -> str:
    if not shutil.which("npm"):
        return "npm (it fetches json-editor)"
    if not Path(CHROMIUM).exists():
        return f"Chromium at {CHROMIUM}"
    return ""


def main() -> None:
    missing = missing_tools()
    if missing:
        print(f"skipped: needs {missing}")
        return
    work = Path(tempfile.mkdtemp(prefix="bench-big-schema-"))
    schema = big_schema()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_explorer(work, write_catalog(work / "catalog", schema), port)
    static_server, editor_url = serve_folder(json_editor_page(work, schema))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            explorer, editor = measure(browser, base + PAGE, editor_url)
            browser.close()
        page = ttfb_and_size(base + PAGE)
        bundled = largest_bundled_page()
        bundled_ms, _, bundled_size = ttfb_and_size(base + bundled)
    finally:
        static_server.shutdown()
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    report(explorer, editor, page, (bundled, bundled_ms, bundled_size))


def report(explorer: list[float], editor: list[float], page: tuple[float, int, int], bundled: tuple) -> None:
    ours, theirs = statistics.median(explorer), statistics.median(editor)
    print(f"2,000-property schema ({STRINGS} strings with title and description, {ENUMS} enums of 3 values)")
    print("navigation start -> 2,000 controls in the DOM and laid out, headless Chromium, median of 5:")
    print(f"  operation page (gunicorn, DEBUG=0)  {ours:8.0f} ms   runs: {', '.join(f'{t:.0f}' for t in explorer)}")
    print(f"  json-editor 2.17.2 (static page)    {theirs:8.0f} ms   runs: {', '.join(f'{t:.0f}' for t in editor)}")
    print(f"  ratio operation page / json-editor  {ours / theirs:8.2f}     (target <= 0.50, aim 0.25)")
    print(
        f"operation page: {page[0]:.0f} ms to first byte (median of 5), {page[2]:,} bytes of HTML ({page[1]:,} gzipped)"
    )
    where, ms, size = bundled
    print(f"largest bundled schema {where}: {ms:.0f} ms to first byte, {size:,} bytes of HTML (target < 30 ms)")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average {load} on {os.cpu_count()} CPUs (the times grow with it; the ratio is the figure to compare)")


if __name__ == "__main__":
    main()
