// The cable-lsp client: starts the server over stdio for `cable` documents.
import * as vscode from "vscode";
import * as cp from "child_process";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

/** The server binary: the configured path, else `cable-lsp` on PATH. */
function serverPath(): string {
  const configured = vscode.workspace.getConfiguration("cable").get<string>("server.path", "");
  return configured.trim() !== "" ? configured : "cable-lsp";
}

/** Does `bin --version` run? A clear message if not. */
function checkServer(bin: string): string | undefined {
  const r = cp.spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 10000 });
  if (r.error || r.status !== 0) {
    return (
      `cable-lsp: the language server \`${bin}\` could not be started` +
      (r.error ? ` (${r.error.message})` : ` (exit status ${r.status})`) +
      ". Install it (\`cargo install --path .\` in the cable-lsp repository) or set `cable.server.path`."
    );
  }
  return undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const bin = serverPath();
  const problem = checkServer(bin);
  if (problem) {
    void vscode.window.showErrorMessage(problem, "Open Settings").then((choice) => {
      if (choice) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "cable.server.path");
      }
    });
    return;
  }
  const cfg = vscode.workspace.getConfiguration("cable");
  const serverOptions: ServerOptions = { command: bin, args: ["serve"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "cable" }],
    initializationOptions: {
      corpus: {
        include: cfg.get<string[]>("corpus.include", ["*.txt", "*.cable"]),
        exclude: cfg.get<string[]>("corpus.exclude", []),
      },
      diagnostics: { severities: cfg.get<object>("diagnostics.severities", {}) },
    },
    // `cable.*` settings reach the server as workspace/didChangeConfiguration.
    synchronize: { configurationSection: "cable" },
  };
  client = new LanguageClient("cable-lsp", "Cables (cable-lsp)", serverOptions, clientOptions);
  context.subscriptions.push(client);
  // The "cited by N cables" lens on a banner: its arguments (URI, position,
  // the citing locations, in LSP's types) shown as VS Code's references.
  context.subscriptions.push(
    vscode.commands.registerCommand(
      "cable.showCitations",
      async (uri: string, position: unknown, locations: unknown[]) => {
        const c = client?.protocol2CodeConverter;
        if (!c) {
          return;
        }
        await vscode.commands.executeCommand(
          "editor.action.showReferences",
          c.asUri(uri),
          c.asPosition(position as Parameters<typeof c.asPosition>[0]),
          await Promise.all(locations.map((l) => c.asLocation(l as Parameters<typeof c.asLocation>[0]))),
        );
      },
    ),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
