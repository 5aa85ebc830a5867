-- node:html(): the outer HTML as the HTML writer writes it (one line,
-- attributes quoted, text escaped), shown here as the box's text
return {
  api = 1,
  rules = {
    { css = "#box", fn = function(n) return n:html() end },
  },
}
