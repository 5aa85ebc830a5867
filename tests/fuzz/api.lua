-- The Lua API surface for fuzz_lua: every DOM call over a fuzzed page.
return {
  api = 1,
  remove = { ".ad", "aside" },
  unwrap = { "span.x" },
  rules = {
    { css = "div, p, a, li", fn = function(n)
        local t = n:text()
        local _ = n.tag, n.parent, n:attr("class"), n:has_class("x")
        for _, c in ipairs(n:children()) do local _ = c.tag end
        if t:find("remove") then return false end
        if t:find("unwrap") then return n:unwrap() end
        if t:find("replace") then
          return winnow.el("p", { class = "r" }, { "replaced ", winnow.text(t:sub(1, 20)) })
        end
        if t:find("list") then return { "a", winnow.el("b", {}, { "b" }) } end
        if t:find("string") then return t:upper():sub(1, 40) end
        n:set_attr("data-seen", tostring(#t))
      end },
    { xpath = "//*[@id]", fn = function(n) n:set_attr("id", nil) end },
  },
  Document = function(doc)
    local _ = doc.root, doc.body
    for _, n in ipairs(doc:xpath("//h1|//h2")) do
      if n:text() == "" then n:remove() end
    end
  end,
}
