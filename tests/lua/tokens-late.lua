-- After tokens-attr.lua: the class it set is found by a plain selector.
return {
  api = 1,
  rules = {
    { css = ".late", fn = function(n) return "late found" end },
  },
}
