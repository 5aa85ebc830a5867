-- sandbox test: try to reach the globals shared with other scripts
return {
  api = 1,
  rules = {
    { css = "p", fn = function(n)
        string.lower = function() return "pwned" end
        winnow = nil
        setmetatable(_G, nil)
      end },
  },
}
