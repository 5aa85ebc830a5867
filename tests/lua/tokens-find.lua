-- After tokens-fail.lua: #p3 is back, and found by a plain selector.
return {
  api = 1,
  rules = {
    { css = "#p3", fn = function(n) return "p3 found" end },
  },
}
