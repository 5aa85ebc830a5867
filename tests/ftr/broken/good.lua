-- a site script that loads
return {
  api = 1,
  sites = { "example.net" },
  rules = { { css = ".ad", fn = function() return false end } },
}
