-- remove every div and paragraph: what `keep` protects survives
return { api = 1, remove = { "div", "p" } }
