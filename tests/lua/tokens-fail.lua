-- The first of the scripts that share the page's class and id tokens
-- (tests/lua.sh): it removes #p3 by a selector that builds no token
-- set, then has the set built without p3's id, and fails, so that its
-- removal is undone.
return {
  api = 1,
  rules = {
    { css = "article > p#p3", fn = function(n) return false end },
    { css = ".absent", fn = function(n) return false end },
    { css = "h1", fn = function(n) error("failing on purpose") end },
  },
}
