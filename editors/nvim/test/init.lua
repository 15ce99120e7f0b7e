-- The test's Neovim: no user config, this plugin on the runtimepath.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
vim.opt.runtimepath:prepend(vim.fn.fnamemodify(here .. '..', ':p'))
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.cmd('filetype plugin on')
vim.lsp.enable('cable_lsp')
