-- Plain selectors answered from the token index: a list whose
-- alternatives share an element, a tag on a class, an id, elements
-- inside one an earlier selector removed, and a rule that counts what
-- it is given (each element once, in document order).
return {
  api = 1,
  rules = {
    { css = ".box", fn = function(n) n:set_text("box:" .. n:text()) end },
    { css = ".a, .b", fn = function(n) return false end },
    { css = "p.x, #y", fn = function(n) return false end },
    { css = ".inner", fn = function(n) n:set_text("seen") end },
  },
}
