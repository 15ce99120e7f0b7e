-- Filetype `cable`: `*.cable` files, and `*.txt` files whose first lines read
-- like a cable (two signs among a banner word, a DTG, TAGS, SUBJECT, E.O., REF
-- and a SECSTATE / AMEMBASSY address), as the server itself decides.
local function looks_like_cable(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, 60, false)
  local head = table.concat(lines, '\n'):upper()
  local signs = 0
  local function sign(found)
    if found then
      signs = signs + 1
    end
  end
  sign(head:find('UNCLAS') or head:find('CONFIDENTIAL') or head:find('SECRET')
    or head:find('C O N F I D E N T I A L') or head:find('S E C R E T'))
  sign(head:find('TAGS'))
  sign(head:find('SUBJECT') or head:find('SUBJ:'))
  sign(head:find('E%.%s?O%.'))
  sign(head:find('REFS?:'))
  sign(head:find('SECSTATE') or head:find('WASHDC') or head:find('AMEMBASSY'))
  sign(head:find('%d%d%d%d%d%dZ %u%u%u %d%d'))
  return signs >= 2
end

vim.filetype.add({
  extension = {
    cable = 'cable',
    txt = function(_, bufnr)
      if looks_like_cable(bufnr) then
        return 'cable'
      end
    end,
  },
})
