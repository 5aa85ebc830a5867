-- Plain selectors (".a", "#b", "p.c, #d") are skipped where the page has
-- no element with their class or id; one that a rule adds is found.
return {
  api = 1,
  rules = {
    { css = ".absent, #nowhere", fn = function(n) return false end },
    -- p3 by the second alternative
    { css = "p.absent, #p3", fn = function(n) return false end },
    -- a class set by a rule, then selected by a plain selector
    { css = "#p1", fn = function(n) n:set_attr("class", "added") end },
    { css = ".added", fn = function(n) return false end },
    -- an element put in by a rule, with an id the page did not have
    { css = ".x", fn = function(n)
        return winnow.el("em", { id = "fresh" }, { "fresh" })
      end },
    { css = "#fresh", fn = function(n) return "found" end },
  },
}
