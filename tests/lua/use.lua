-- shared helpers come from lib/ on the script path
local h = winnow.use("helper")
local h2 = winnow.use("helper")
assert(h == h2, "a helper is loaded once")
return {
  api = 1,
  rules = { { css = "h1", fn = function(n) return h.shout(n:text()) end } },
}
