-- cable-lsp for Neovim 0.11+: `vim.lsp.enable('cable_lsp')` once this folder is
-- on 'runtimepath'. Override any field with `vim.lsp.config('cable_lsp', {...})`.
---@type vim.lsp.Config
return {
  -- `cable-lsp` on PATH; set CABLE_LSP_BIN (or `cmd`) to use another build.
  cmd = { vim.env.CABLE_LSP_BIN or 'cable-lsp' },
  filetypes = { 'cable' },
  -- The corpus is every cable under the root: a repository, or a folder
  -- marked with an empty `.cable-lsp` file.
  root_markers = { '.cable-lsp', '.git' },
  init_options = {
    corpus = { include = { '*.txt', '*.cable' }, exclude = {} },
  },
  settings = {
    cable = {
      diagnostics = {
        -- Any rule of `cable-lsp check --list-rules`: off, hint,
        -- information, warning or error.
        severities = vim.empty_dict(),
      },
    },
  },
}
