return {
  api = 1,
  rules = {
    { css = ".newsletter", fn = function(n) return false end },
    { css = "h1", fn = function(n)
        local t = nil
        return t.field
      end },
  },
}
