-- wired.com: WIRED articles (Condé Nast "article__chunks" layout).
-- Removes the paywall bar and subscription units, the "SUBSCRIBE"
-- inset, share rails, the contributor bio, tag cloud, Outbrain and
-- related-video footer, ad slots and the "More Great WIRED Stories"
-- list that closes the body.  WIRED splits the body into several
-- `.article__body` chunks between ad rails; the generic content step
-- keeps only the largest, so every chunk is kept once the clutter
-- inside them is gone.
return {
  api = 1,
  sites = { "wired.com" },

  remove = {
    "aside.paywall-bar",
    "[class*='consumer-marketing-unit']",
    ".callout:has(a[href*='subscribe.wired.com'])",
    ".article__social-share",
    ".content-header__social-share",
    ".social-icons",
    ".contributor-bio",
    ".contributors__contributor-bio",
    ".content-footer",
    ".OUTBRAIN",
    ".ad",
    "[class^='ad--']",
    "[class*=' ad--']",
    ".ad-stickyhero",
    ".cne-video-embed__persistent-container",
  },

  rules = {
    -- "More Great WIRED Stories": a heading and a list of links tagged
    -- itm_campaign=BottomRelatedStories, often after an <hr>.
    { name = "bottom related stories",
      css = "ul:has(a[href*='itm_campaign=BottomRelatedStories'])",
      fn = function(n)
        local h = n.prev
        if h and h.tag == "div" and h:has_class("heading-h3") then
          local hr = h.prev
          h:remove()
          if hr and hr.tag == "hr" then hr:remove() end
        end
        return false
      end },

    { name = "body chunks", css = ".article__chunks .article__body",
      action = "keep" },
  },
}
