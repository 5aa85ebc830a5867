return {
  api = 1,
  sites = { "example.com" },
  rules = { { css = "h1", fn = function(n) return "example.com rule" end } },
}
