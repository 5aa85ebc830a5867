-- Has the token set built, then sets a class no element had.
return {
  api = 1,
  rules = {
    { css = ".x", fn = function(n) n:set_attr("class", "late") end },
  },
}
