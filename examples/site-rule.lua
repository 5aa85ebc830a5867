-- examples/site-rule.lua: a per-site rule, step by step.
--
-- Try it:
--   winnow --script examples/site-rule.lua --url https://www.example.com/a \
--          --explain examples/site-rule.html
-- and with --url https://example.org/a, where it does nothing.
--
-- A script returns one table.  `api` says which script API it was
-- written for; winnow refuses a script for an API it does not know.
return {
  api = 1,

  -- The hosts it applies to.  "example.com" covers example.com and
  -- every subdomain (www.example.com, news.example.com);
  -- "*.example.com" would cover the subdomains only.
  sites = { "example.com" },

  -- Short forms: lists of CSS selectors.  `remove` drops the nodes,
  -- `unwrap` keeps their children in their place, `keep` protects
  -- nodes from every later step of the chain.
  remove = { ".newsletter", "h1 ~ h1" },
  unwrap = { "span.credit" },
  keep = { "aside.pullquote" },

  -- Rules run in order.  Each selects with `css` or `xpath`; the
  -- handler's return value decides: nil keeps the node, false removes
  -- it, a node or a list of nodes replaces it, a string replaces it by
  -- text.
  rules = {
    { name = "read-also",
      css = "p:matches-text(/^(read also|see also)\\b/i)",
      fn = function(n) return false end },

    { name = "members banner",
      css = "div.banner",
      fn = function(n)
        if n:text():find("Members") then
          winnow.log("info", "dropping the members banner")
          return false
        end
      end },

    -- Replace a lazy-loading placeholder with the real image.
    { css = "img[data-src]",
      fn = function(n)
        return winnow.el("img", { src = n:attr("data-src"),
                                  alt = n:attr("alt") or "" })
      end },
  },

  -- An optional hook over the whole document, after the rules.
  Document = function(doc)
    for _, p in ipairs(doc:select("p")) do
      if p:text() == "" then p:remove() end
    end
  end,
}
