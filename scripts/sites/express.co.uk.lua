-- express.co.uk: Daily Express articles.
-- Removes the in-body link boxes ("DON'T MISS", "SEE MORE:", lists of
-- headlines tagged [INSIGHT], [VIDEO]...: paragraphs made of links that
-- the site tracks as InArticle|Link) with their capitalised heading,
-- the related-articles and most-read blocks, latest videos, social
-- buttons and comments, Outbrain, ad slots and picture captions' credit
-- spans.
local TRACKED = "a[data-link-tracking='InArticle|Link']"

-- the text of n less the text of its tracked links
local function rest(n)
  local t = n:text()
  for _, a in ipairs(n:select(TRACKED)) do
    local s = a:text()
    local i, j = t:find(s, 1, true)
    if i then t = t:sub(1, i - 1) .. t:sub(j + 1) end
  end
  return (t:gsub("[%[%]|%s%p]", ""))
end

return {
  api = 1,
  sites = { "express.co.uk" },

  remove = {
    ".related-articles",
    ".two-related-articles",
    "section.most-read-stories",
    "section.latestvideos",
    ".social-buttons-and-comments",
    "section.social-media-buttons",
    "#gigyacomments",
    "#spotCommentCounter",
    ".OUTBRAIN",
    "[id^='div-gpt-ad']",
    ".associated-companies-and-copyrights",
  },

  rules = {
    { name = "link boxes",
      css = "p:has(" .. TRACKED .. ")",
      fn = function(n)
        -- keep a paragraph whose own words outweigh a few tag labels
        local r = rest(n)
        if #r > 40 or r:find("%l%l%l") then return nil end
        local h = n.prev
        if h and h.tag == "p" then
          local t = h:text():gsub("%s+$", "")
          if t == "" then h:remove()
          elseif #t < 25 and t == t:upper() then h:remove() end
        end
        return false
      end },
  },
}
