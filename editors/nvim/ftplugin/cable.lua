-- Cables are prose: wrap long lines for reading, keep what the copy holds.
vim.opt_local.wrap = true
vim.opt_local.linebreak = true
vim.opt_local.spell = false
vim.b.undo_ftplugin = 'setlocal wrap< linebreak< spell<'
