return {
  api = 1,
  sites = { "example.org" },
  rules = { { css = "div", fn = function( } },
}
