-- lib/site.lua: the shape shared by the site scripts in scripts/sites.
--
--   return winnow.use("site").rule {
--     sites = { "example.com" },
--     check = "selector",          -- optional: the page must match it
--     remove = { ... }, unwrap = { ... }, keep = { ... },
--     rules = { { name = "...", css = "...", fn = function(n) ... end }, ... },
--   }
--
-- Everything is selected when the page is processed, from a Document
-- hook: a script table holds no compiled selector between documents.
-- keep runs first, then remove, unwrap and the rules in order; a rule's
-- fn returning false removes the node.  Nodes already gone with an
-- ancestor are skipped.
local M = {}

local function attached(n, root)
  while n do
    if n == root then return true end
    n = n.parent
  end
  return false
end

local function each(doc, sel, f)
  local root = doc.root
  for _, n in ipairs(doc:select(sel)) do
    if attached(n, root) then f(n) end
  end
end

function M.rule(spec)
  return {
    api = 1,
    sites = spec.sites,
    Document = function(doc)
      if spec.check and not doc:first(spec.check) then return end
      for _, s in ipairs(spec.keep or {}) do
        each(doc, s, function(n) n:keep() end)
      end
      for _, s in ipairs(spec.remove or {}) do
        each(doc, s, function(n) n:remove() end)
      end
      for _, s in ipairs(spec.unwrap or {}) do
        each(doc, s, function(n) n:unwrap() end)
      end
      for _, r in ipairs(spec.rules or {}) do
        each(doc, r.css, function(n)
          if r.action == "keep" then n:keep()
          elseif r.action == "unwrap" then n:unwrap()
          elseif r.action == "remove" then n:remove()
          elseif r.fn and r.fn(n) == false then
            if attached(n, doc.root) then n:remove() end
          end
        end)
      end
    end,
  }
end

return M
