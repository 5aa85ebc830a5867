-- sandbox test: this rule must fail cleanly; the page passes on intact
return {
  api = 1,
  rules = {
    { css = "p", fn = function(n)
        local s = ('x'):rep(1 << 40)
      end },
  },
}
