-- ghost.lua: sites published with Ghost (any host: the page must carry
-- Ghost's generator tag).  Covers the markup of Ghost's own themes
-- (Casper, Source, Headline...) and of the common third-party ones.
-- Removes the "Read also"/related sections, the "Latest"/read-more
-- rail of post cards (with their "Members Public" access labels),
-- Ghost comments, members sign-up and subscribe forms, overlays and
-- call-to-action boxes, the upgrade banner for paid posts, share bars
-- and author boxes under the post.
return {
  api = 1,
  sites = { "*" },
  when = "meta[name='generator'][content^='Ghost']",

  remove = {
    -- related and latest posts
    ".article-related",
    ".read-more-wrap",
    "aside.read-more",
    ".post-card-access",
    ".related-posts",
    ".related-wrap",
    -- comments
    ".article-comments",
    ".gh-comments",
    ".comment-wrap",
    "#ghost-comments-root",
    -- members: subscribe forms, overlays, CTAs, paywall banner
    "form[data-members-form]",
    ".gh-post-upgrade-cta",
    ".footer-cta",
    ".subscribe-overlay",
    ".subscribe-section",
    ".subscribe-wrap",
    ".gh-subscribe",
    ".kg-signup-card",
    -- share and author boxes
    ".post-share-wrap",
    ".share-wrap",
    ".author-card",
    ".post-full-author",
  },

  rules = {
    -- the form's wrapper often holds only a heading and a line of text
    { name = "sign-up wrappers",
      css = "section:has(> form[data-members-form]), div.signup",
      fn = function(n) return false end },
  },
}
