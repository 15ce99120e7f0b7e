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
  -- What Neovim leaves off by default: the cited cables' subjects after REF
  -- items (inlay hints) and the banner's "cited by N cables" lens, kept
  -- current as the buffer is entered and edited.
  on_attach = function(client, bufnr)
    if client:supports_method('textDocument/inlayHint') then
      vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
    end
    if client:supports_method('textDocument/codeLens') then
      vim.lsp.codelens.refresh({ bufnr = bufnr })
      vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'TextChanged' }, {
        buffer = bufnr,
        group = vim.api.nvim_create_augroup('cable_lsp_codelens_' .. bufnr, { clear = true }),
        callback = function()
          vim.lsp.codelens.refresh({ bufnr = bufnr })
        end,
      })
    end
  end,
  commands = {
    -- The "cited by N cables" lens on a banner (`vim.lsp.codelens.run()`):
    -- its citing locations in the quickfix list.
    ['cable.showCitations'] = function(command, ctx)
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      local locations = (command.arguments or {})[3] or {}
      local items = vim.lsp.util.locations_to_items(locations, client and client.offset_encoding or 'utf-16')
      vim.fn.setqflist({}, ' ', { title = command.title, items = items })
      if #items > 0 then
        vim.cmd('botright copen')
      else
        vim.notify('cable-lsp: no other cable cites this one')
      end
    end,
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
