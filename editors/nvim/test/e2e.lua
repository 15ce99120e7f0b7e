-- End-to-end in real Neovim (headless): run by test/run.sh on a workspace of
-- corpus/ and three real cables. Exits 0 when every check passes, 1 otherwise.
local ws = assert(vim.env.CABLE_WS, 'CABLE_WS: the workspace folder')
local failed = 0
local function check(ok, what)
  print((ok and 'ok    ' or 'FAIL  ') .. what)
  if not ok then
    failed = failed + 1
  end
  return ok
end
local function wait(ms, f)
  return vim.wait(ms, f, 50)
end
local function finish()
  print(failed == 0 and 'nvim e2e: all checks passed' or ('nvim e2e: ' .. failed .. ' checks failed'))
  vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/09HARARE51.txt'))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'cable', 'a .txt cable gets filetype cable (ftdetect by content)')
  check(wait(10000, function()
    return #vim.lsp.get_clients({ bufnr = buf, name = 'cable_lsp' }) > 0
  end), 'the cable_lsp client attaches')
  local client = vim.lsp.get_clients({ bufnr = buf, name = 'cable_lsp' })[1]
  if not client then
    return
  end
  -- Asked again and again (asynchronously) until the index is built.
  local status, asked = nil, false
  check(wait(30000, function()
    if not asked then
      asked = true
      client:request('cable/status', nil, function(_, result)
        status, asked = result, false
      end, buf)
    end
    return status ~= nil and status.indexing == false and status.files >= 8
  end), 'the workspace is indexed (corpus/ and the real cables): ' .. vim.inspect(status and status.files))

  -- The outline lists the paragraphs.
  local td = { textDocument = vim.lsp.util.make_text_document_params(buf) }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', td, 5000) or {}
  local names = {}
  for _, r in pairs(res) do
    for _, s in ipairs(r.result or {}) do
      table.insert(names, s.name)
    end
  end
  local function has_prefix(p)
    for _, n in ipairs(names) do
      if n:sub(1, #p) == p then
        return true
      end
    end
    return false
  end
  check(has_prefix('Header') and has_prefix('¶2 (C)') and has_prefix('¶5 (C)'),
    'the outline lists the header and the paragraphs: ' .. table.concat(names, ' | '):sub(1, 120))

  -- Hover on REF D (`D. 08 HARARE 1016`, line 40) shows the cited cable, in a window.
  vim.api.nvim_win_set_cursor(0, { 40, 4 })
  vim.lsp.buf.hover()
  local float_text = ''
  check(wait(5000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float_text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
        return float_text:find('08HARARE1016', 1, true) ~= nil
      end
    end
    return false
  end), 'hover on a REF item shows the cited cable in a floating window')
  print('      hover: ' .. float_text:gsub('\n', ' '):sub(1, 160))
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then
      vim.api.nvim_win_close(w, true)
    end
  end

  -- Go to definition opens the cited file at its banner.
  vim.api.nvim_win_set_cursor(0, { 40, 4 })
  vim.lsp.buf.definition()
  check(wait(5000, function()
    return vim.api.nvim_buf_get_name(0):sub(-16) == '08HARARE1016.txt'
  end), 'go to definition opens the cited cable: ' .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':t'))
  check(vim.api.nvim_get_current_line():find('HARARE 001016', 1, true) ~= nil,
    'the cursor is on the cited cable\'s banner: ' .. vim.api.nvim_get_current_line())
  vim.cmd('buffer ' .. buf)

  -- The citation graph as Neovim's call hierarchy, in the quickfix list: the
  -- cables this one cites, then (on REF D) the cables citing 08HARARE1016.
  local function calls(fn, line, col, want)
    vim.fn.setqflist({}, 'r')
    vim.api.nvim_win_set_cursor(0, { line, col })
    fn()
    local got = {}
    local ok = wait(5000, function()
      got = {}
      for _, it in ipairs(vim.fn.getqflist()) do
        if not vim.tbl_contains(got, it.text) then
          table.insert(got, it.text)
        end
      end
      table.sort(got)
      return table.concat(got, ' ') == want
    end)
    vim.cmd('silent cclose')
    vim.api.nvim_set_current_buf(buf)
    return ok, table.concat(got, ' ')
  end
  -- (Both asked before either is printed: opening the quickfix window eats
  -- the end of the line printed before it.)
  print('      call hierarchy:')
  local ok_out, out = calls(vim.lsp.buf.outgoing_calls, 1, 0, '08HARARE1016 09HARARE24')
  local ok_in, inc = calls(vim.lsp.buf.incoming_calls, 40, 4, '09HARARE24 09HARARE51')
  print(' asked')
  check(ok_out, 'outgoing calls list the cables 09HARARE51 cites: ' .. out)
  check(ok_in, 'incoming calls on REF D list the cables citing 08HARARE1016: ' .. inc)

  -- The "cited by N cables" lens on 08HARARE1016's banner, run: the citing
  -- cables in the quickfix list (the command is the Neovim config's).
  print('      code lens:')
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/08HARARE1016.txt'))
  local cited = vim.api.nvim_get_current_buf()
  local lenses = {}
  -- Drawn without asking: the config refreshes lenses on attach and BufEnter.
  wait(10000, function()
    lenses = vim.lsp.codelens.get(cited)
    return #lenses > 0
  end)
  local lens_title = lenses[1] and lenses[1].command and lenses[1].command.title or ''
  local citing = ''
  if lenses[1] then
    vim.fn.setqflist({}, 'r')
    vim.api.nvim_win_set_cursor(0, { lenses[1].range.start.line + 1, 0 })
    vim.lsp.codelens.run()
    wait(5000, function()
      local names = {}
      for _, it in ipairs(vim.fn.getqflist()) do
        local n = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(it.bufnr), ':t')
        if not vim.tbl_contains(names, n) then
          table.insert(names, n)
        end
      end
      table.sort(names)
      citing = table.concat(names, ' ')
      return citing == '09HARARE24.txt 09HARARE51.txt'
    end)
    vim.cmd('silent cclose')
  end
  vim.api.nvim_set_current_buf(buf)
  print(' ran')
  check(lens_title:find('cited by 2 cables', 1, true) ~= nil, 'a code lens on the banner, drawn on attach: ' .. lens_title)
  check(vim.lsp.inlay_hint.is_enabled({ bufnr = buf }), 'inlay hints are on in cable buffers')
  check(citing == '09HARARE24.txt 09HARARE51.txt', 'running it lists the citing cables: ' .. citing)

  -- Workspace symbols, misspelt (two swapped letters): 08HARARE1016's subject
  -- is REGIME ELITES LOOTING DEADLY DIAMOND FIELD.
  print('      workspace symbols:')
  vim.fn.setqflist({}, 'r')
  vim.lsp.buf.workspace_symbol('diamnod feild')
  local first = ''
  wait(5000, function()
    local qf = vim.fn.getqflist()
    first = qf[1] and qf[1].text or ''
    return first ~= ''
  end)
  vim.cmd('silent cclose')
  vim.api.nvim_set_current_buf(buf)
  print(' asked')
  check(first:find('08HARARE1016', 1, true) ~= nil, 'a misspelt workspace symbol search lists the cable first: ' .. first)

  -- Completion, as Neovim's client asks for it: a corpus cable in a REF item
  -- (`D. 08 HARARE 10|16`), the portion marks after paragraph 2's `(`.
  local function labels(line, col)
    local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    params.position = { line = line, character = col }
    local got = {}
    local r = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 5000) or {}
    for _, x in pairs(r) do
      for _, item in ipairs((x.result or {}).items or x.result or {}) do
        table.insert(got, item.label)
      end
    end
    return got
  end
  local cables = labels(39, 15)
  check(#cables == 1 and cables[1] == '08 HARARE 1016',
    'completion in a REF item offers the corpus cables: ' .. table.concat(cables, ', '))
  local marks = labels(61, 4)
  check(marks[1] == '(C)' and not vim.tbl_contains(marks, '(S)'),
    'completion after `2. (` offers marks up to the banner, its own first: ' .. table.concat(marks, ' '))

  -- Rename REF D's letter (`D. 08 HARARE 1016`, line 40) to E: Neovim asks
  -- prepareRename, then applies the server's edit to the buffer.
  vim.api.nvim_win_set_cursor(0, { 40, 0 })
  vim.lsp.buf.rename('E', { bufnr = buf })
  check(wait(5000, function()
    return vim.api.nvim_buf_get_lines(buf, 39, 40, false)[1]:sub(1, 2) == 'E.'
  end), 'rename turns REF D into REF E: ' .. vim.api.nvim_buf_get_lines(buf, 39, 40, false)[1])
  vim.cmd('silent edit!')

  -- A paragraph marked above the banner: an error appears, and goes on undo.
  local function above()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'mark-above-banner' then
        return d
      end
    end
  end
  check(wait(5000, function()
    return #vim.diagnostic.get(buf) > 0
  end) and not above(), 'diagnostics are published, none above the banner at first')
  local line = vim.api.nvim_buf_get_lines(buf, 61, 62, false)[1]
  check(line:sub(1, 6) == '2. (C)', 'line 62 is paragraph 2: ' .. line)
  vim.api.nvim_buf_set_text(buf, 61, 4, 61, 5, { 'S' })
  check(wait(5000, function()
    return above() ~= nil
  end), 'marking paragraph 2 (S) in a CONFIDENTIAL cable gives mark-above-banner')
  local d = above()
  if d then
    print('      diagnostic: ' .. d.message)
    check(d.severity == vim.diagnostic.severity.ERROR and d.lnum == 61, 'it is an error on that line')
  end
  vim.cmd('silent undo')
  check(vim.api.nvim_buf_get_lines(buf, 61, 62, false)[1]:sub(1, 6) == '2. (C)', 'undo restores the text')
  check(wait(5000, function()
    return above() == nil
  end), 'after undo the error is gone')
end)
if not ok then
  check(false, 'the test ran to its end: ' .. tostring(err))
end
finish()
