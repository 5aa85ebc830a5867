-- cbsnews.com: CBS News articles.
-- Removes the "Trending News" recirculation box inside the body, the
-- topic stacks under the article ("More in World", "More U.S."...,
-- marked `nocontent` by the site itself), the share bar, ad wrappers,
-- embedded video players with their headline, and the copyright line
-- of the article footer.
return {
  api = 1,
  sites = { "cbsnews.com" },

  remove = {
    ".content-recirculation__wrapper",
    "figure.content-recirculation",
    "#component-topic-stacks",
    ".nocontent:not(:has(article))",
    "ul.sharebar",
    ".sharebar",
    ".ad-wrapper",
    ".top-ad-container",
    "figure.embed.is-video",
    "figure.embed--type-video",
    "p.content__copyright",
  },
}
