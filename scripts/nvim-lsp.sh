#!/usr/bin/env bash
# Opens a page in Neovim (headless, its built-in LSP client) configured as the README's
# "In the editor" section says, with `hblint server` as the language server, waits for the diagnostics and prints them, one a line:
#   LINE:COLUMN SEVERITY CODE MESSAGE (first line)
# The editor's own view, as a writer would see it in the sign column. Exits 1 when no
# diagnostics came within the wait, 2 when Neovim or the page is missing.
# Usage: scripts/nvim-lsp.sh PAGE [HBLINT]   (HBLINT: the binary; default `hblint` on PATH)
# Needs Neovim 0.7 or later (Debian's `neovim` package).
set -euo pipefail
page=${1:?usage: scripts/nvim-lsp.sh PAGE [HBLINT]}
hblint=${2:-hblint}
command -v nvim >/dev/null || { echo "nvim not found (apt-get install neovim)" >&2; exit 2; }
[ -f "$page" ] || { echo "no such page: $page" >&2; exit 2; }
hblint=$(command -v "$hblint" || echo "$hblint")
# The configuration runs `hblint` from PATH, as a user's does: the one given comes first.
bin_dir=$(mktemp -d)
ln -s "$(cd "$(dirname "$hblint")" && pwd)/$(basename "$hblint")" "$bin_dir/hblint"
work=$(mktemp -d)
trap 'rm -rf "$work" "$bin_dir"' EXIT
# The README's Neovim configuration (its ```lua block), then what waits and prints.
readme="$(dirname "$0")/../README.md"
awk '/^```lua$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' "$readme" >"$work/init.lua"
[ -s "$work/init.lua" ] || { echo "no \`\`\`lua block in $readme" >&2; exit 2; }
cat >>"$work/init.lua" <<'LUA'
-- After start-up, as for a user: the page given on the command line is loaded, its filetype set.
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  local out = assert(io.open(vim.env.HBLINT_NVIM_OUT, "w"))
  local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local severity = vim.diagnostic.severity[d.severity]
    local message = vim.split(d.message, "\n")[1]
    out:write(string.format("%d:%d %s %s %s\n", d.lnum + 1, d.col + 1, severity, d.code or "", message))
  end
  out:close()
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
  vim.cmd(got and "qall!" or "cquit! 1")
end })
LUA
PATH="$bin_dir:$PATH" HBLINT_NVIM_OUT="$work/diagnostics" \
  nvim --headless --clean -u "$work/init.lua" "$page" >/dev/null 2>&1 || status=$?
cat "$work/diagnostics" 2>/dev/null || true
if [ "${status:-0}" -ne 0 ] || [ ! -s "$work/diagnostics" ]; then
  echo "no diagnostics from hblint server within 20 s" >&2
  exit 1
fi
