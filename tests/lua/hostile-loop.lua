-- sandbox test: this rule must fail cleanly; the page passes on intact
return {
  api = 1,
  rules = {
    { css = "p", fn = function(n)
        while true do end
      end },
  },
}
