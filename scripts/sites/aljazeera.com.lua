-- aljazeera.com: Al Jazeera news articles ("main-article-block" layout).
-- Removes the "More:" lists of read-more links placed inside the body
-- (links tagged utm_campaign=read_more_links) with their heading, the
-- hidden "inpage-embed" placeholders that hold a bare article id, the
-- "more on" block, the read-to-me/share block, the tags, the
-- feedback and newsletter sign-up lines and the ad slots.
return {
  api = 1,
  sites = { "aljazeera.com" },

  remove = {
    "div.inpage-embed",
    "#inpage-more-on-block",
    ".article-readToMe-share-block",
    ".mobile-social-icons",
    ".article-tags-feedback-wrapper",
    ".article-body-tags",
    ".feedback-signForm",
    "[id^='div-gpt-ad']",
    "[id$='adshidden']",
    "#bottomadsempty",
    "[class^='rightsideads']",
  },

  rules = {
    { name = "read-more lists",
      css = "ul:has(a[href*='utm_campaign=read_more_links'])",
      fn = function(n)
        -- the lists come one link each, under an <h4>More:</h4>
        local h = n.prev
        while h and h.tag == "ul" do h = h.prev end
        if h and h.tag == "h4" and #h:text() < 20 then h:remove() end
        return false
      end },
  },
}
