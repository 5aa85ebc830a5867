local M = {}
function M.shout(s) return string.upper(s) .. "!" end
return M
