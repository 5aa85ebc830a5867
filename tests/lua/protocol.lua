-- the return protocol: nil keeps, false removes, a node replaces,
-- a list is spliced in, a string becomes text
return {
  api = 1,
  rules = {
    { css = "h1", fn = function(n) return nil end },
    { css = ".newsletter", fn = function(n) return false end },
    { css = "#p1", fn = function(n)
        return winnow.el("p", { class = "new" }, { "Replaced: ", winnow.el("em", nil, { "yes" }) })
      end },
    { css = "#box", fn = function(n)
        local kids = {}
        for _, c in ipairs(n:children()) do
          if c.tag == "p" then kids[#kids + 1] = c end
        end
        kids[#kids + 1] = winnow.el("p", nil, { "spliced" })
        return kids
      end },
    { css = "#p3 b", fn = function(n) return "BOLD" end },
    { css = "a", fn = function(n)
        n:set_attr("href", "https://example.com" .. n:attr("href"))
        n:set_attr("data-x", "1")
        n:set_attr("data-x", nil)
        return true
      end },
  },
}
