-- sandbox test: this rule must fail cleanly; the page passes on intact
return {
  api = 1,
  rules = {
    { css = "p", fn = function(n)
        local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end
      end },
  },
}
