// The extension in real VS Code: code-server (VS Code's workbench over HTTP) with
// the packaged .vsix installed, driven by Debian's Chromium through playwright-core.
// Run by e2e.sh. Screenshots go to $SHOTS. Exits 1 when a check fails.
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const http = require("http");

const dir = process.env.E2E_DIR;
const ws = process.env.CABLE_WS;
const shots = process.env.SHOTS;
const vsix = process.env.VSIX;
const server = process.env.CABLE_LSP_BIN;
const port = 18000 + (process.pid % 1000);
const { chromium } = require(path.join(dir, "node_modules/playwright-core"));
const entry = path.join(dir, "node_modules/code-server/out/node/entry.js");

let failed = 0;
function check(ok, what) {
  console.log((ok ? "ok    " : "FAIL  ") + what);
  if (!ok) failed++;
  return ok;
}

const tmp = fs.mkdtempSync("/tmp/cable-vscode-");
const userDir = path.join(tmp, "user");
const extDir = path.join(tmp, "ext");
fs.mkdirSync(path.join(userDir, "User"), { recursive: true });
fs.writeFileSync(
  path.join(userDir, "User/settings.json"),
  JSON.stringify({
    "cable.server.path": server,
    "workbench.startupEditor": "none",
    "security.workspace.trust.enabled": false,
    "editor.semanticHighlighting.enabled": true,
    "workbench.colorTheme": "Default Light Modern",
    "extensions.autoCheckUpdates": false,
    "telemetry.telemetryLevel": "off",
  })
);
execFileSync("node", [entry, "--user-data-dir", userDir, "--extensions-dir", extDir, "--install-extension", vsix], {
  stdio: "inherit",
});

function waitHttp(url, ms) {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tryOnce = () =>
      http
        .get(url, (r) => {
          r.resume();
          resolve();
        })
        .on("error", () => (Date.now() > until ? reject(new Error("code-server did not start")) : setTimeout(tryOnce, 250)));
    tryOnce();
  });
}

async function main() {
  const cs = spawn(
    "node",
    [entry, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--user-data-dir", userDir,
     "--extensions-dir", extDir, "--disable-telemetry", "--disable-update-check", ws],
    { stdio: ["ignore", "ignore", "inherit"] }
  );
  let browser;
  try {
    await waitHttp(`http://127.0.0.1:${port}/`, 60000);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const shot = (name) => page.screenshot({ path: path.join(shots, name + ".png") });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 60000 });
    await page.waitForTimeout(3000);

    // Open a cable with Quick Open.
    const open = async (name) => {
      await page.keyboard.press("Control+P");
      await page.waitForSelector(".quick-input-widget input", { timeout: 10000 });
      await page.keyboard.type(name);
      await page.waitForTimeout(800);
      await page.keyboard.press("Enter");
      await page.waitForSelector(`.tab[aria-label*="${name}"]`, { timeout: 15000 });
    };
    const goto = async (line, col) => {
      await page.keyboard.press("Control+G");
      await page.waitForSelector(".quick-input-widget input", { timeout: 5000 });
      await page.keyboard.type(`${line}:${col}`);
      await page.keyboard.press("Enter");
      await page.waitForTimeout(300);
    };
    await open("09HARARE51.txt");
    const mode = page.locator(".statusbar-item[id*='editorLanguage'], .statusbar-item[aria-label*='Cable']");
    check(await mode.first().textContent({ timeout: 10000 }).then((t) => /Cable/.test(t || "")).catch(() => false),
      "the file opens in language mode Cable");
    // Highlighting: the banner and marks get colours of their own (semantic or TextMate).
    await page.waitForTimeout(4000);
    const colours = await page.$$eval(".view-line span span", (els) => new Set(els.map((e) => getComputedStyle(e).color)).size);
    check(colours >= 3, `the text is highlighted (${colours} colours on screen)`);
    await shot("1-highlighting");

    // Hover on REF D (line 40).
    // The server's hover (not only the link's tooltip): REF D and the cable.
    await goto(40, 5);
    let hoverText = "";
    for (let i = 0; i < 10 && !/REF D[\s\S]*08HARARE1016/.test(hoverText); i++) {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      await page.waitForTimeout(1000);
      hoverText = (await page.locator(".monaco-hover").allTextContents()).join(" ");
    }
    check(/REF D[\s\S]*08HARARE1016/.test(hoverText), "hover on a REF item shows the REF item and the cited cable: " + hoverText.replace(/\s+/g, " ").slice(0, 120));
    await shot("2-hover");
    await page.keyboard.press("Escape");

    // Go to definition.
    await page.keyboard.press("F12");
    const jumped = await page.waitForSelector('.tab.active[aria-label*="08HARARE1016.txt"]', { timeout: 15000 }).then(() => true, () => false);
    check(jumped, "go to definition opens the cited cable");
    await shot("3-definition");

    // The outline of the first cable.
    await open("09HARARE51.txt");
    await page.keyboard.press("Control+Shift+P");
    await page.keyboard.type("Explorer: Focus on Outline View");
    await page.waitForTimeout(800);
    await page.keyboard.press("Enter");
    const header = await page.waitForSelector('.monaco-list-row[aria-label^="Header"]', { timeout: 15000 }).then(() => true, () => false);
    // Room for the paragraphs: the folder's section and the Header node folded.
    await page.click(".pane-header[aria-label*='Explorer Section']").catch(() => {});
    await page.click('.monaco-list-row[aria-label^="Header"] .monaco-tl-twistie').catch(() => {});
    const para = await page.waitForSelector('.monaco-list-row[aria-label*="¶2 (C)"]', { timeout: 10000 }).then(() => true, () => false);
    check(header && para, "the Outline view lists the header and the paragraphs");
    await shot("4-outline");
    // The same symbols in Go to Symbol in Editor.
    await page.click(".monaco-editor .view-lines");
    await page.keyboard.press("Control+Shift+O");
    await page.keyboard.type("¶2");
    const picked = await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="¶2 (C)"]', { timeout: 10000 }).then(() => true, () => false);
    check(picked, "Go to Symbol finds paragraph 2");
    await page.keyboard.press("Escape");

    // Completion after paragraph 2's `(`: the marks up to the banner's level.
    await page.click(".monaco-editor .view-lines");
    await goto(62, 5);
    let suggestions = [];
    for (let i = 0; i < 5 && !suggestions.some((t) => t.includes("(C//NF)")); i++) {
      await page.keyboard.press("Escape");
      await page.keyboard.press("Control+Space");
      await page.waitForTimeout(1000);
      suggestions = await page.locator(".suggest-widget .monaco-list-row").allTextContents();
    }
    check(suggestions.some((t) => t.includes("(C//NF)")) && !suggestions.some((t) => t.startsWith("(S)")),
      "completion after `2. (` lists the marks up to the banner's level: " + suggestions.map((t) => t.slice(0, 8)).join(" "));
    await shot("5-completion");
    await page.keyboard.press("Escape");

    // A paragraph marked above the banner: an error, gone on undo.
    await page.click(".monaco-editor .view-lines");
    await goto(62, 5);
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.type("S");
    const squiggle = await page.waitForSelector(".squiggly-error", { timeout: 15000 }).then(() => true, () => false);
    check(squiggle, "marking paragraph 2 (S) in a CONFIDENTIAL cable shows an error");
    await page.keyboard.press("Escape"); // the word suggestions
    await page.waitForTimeout(500);
    await shot("6-diagnostic");
    await page.keyboard.press("Control+Z");
    const gone = await page.waitForSelector(".squiggly-error", { state: "detached", timeout: 15000 }).then(() => true, () => false);
    check(gone, "undo removes the error");
    await shot("7-after-undo");

    // Last (they leave views open): the cited cable's "cited by 2 cables"
    // lens on its banner, clicked: the citing places in VS Code's references
    // peek (the extension's cable.showCitations).
    await open("08HARARE1016.txt");
    const lens = page.locator(".codelens-decoration a", { hasText: "cited by 2 cables" });
    const lensShown = await lens.first().waitFor({ timeout: 15000 }).then(() => true, () => false);
    let peekText = "";
    if (lensShown) {
      await lens.first().click();
      await page.waitForSelector(".peekview-widget", { timeout: 10000 }).catch(() => {});
      await page.waitForTimeout(1000);
      peekText = (await page.locator(".peekview-widget").allTextContents()).join(" ");
    }
    check(lensShown && /09HARARE24/.test(peekText) && /09HARARE51/.test(peekText),
      "the banner's code lens shows the 2 citing cables: " + peekText.replace(/\s+/g, " ").slice(0, 100));
    await shot("8-code-lens");
    await page.keyboard.press("Escape");
    await page.waitForSelector(".peekview-widget", { state: "hidden", timeout: 5000 }).catch(() => {});

    // The call hierarchy on the banner (Shift+Alt+H): the cables citing it.
    await page.click(".monaco-editor .view-lines");
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Shift+Alt+H");
    const calls = await Promise.all(["09HARARE24", "09HARARE51"].map((n) =>
      page.locator(".part.sidebar .monaco-list-row", { hasText: n }).first()
        .waitFor({ state: "visible", timeout: 15000 }).then(() => true, () => false)));
    check(calls.every(Boolean), "the call hierarchy lists the cables citing it");
    await shot("9-call-hierarchy");
  } catch (e) {
    check(false, "the test ran to its end: " + e.message);
  } finally {
    if (browser) await browser.close();
    cs.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(failed === 0 ? "vscode e2e: all checks passed" : `vscode e2e: ${failed} checks failed`);
  process.exit(failed === 0 ? 0 : 1);
}
main();
