return {
  api = 1,
  rules = {
    { css = "p", fn = function(n) return false end
  },
}
