-- substack.lua: Substack posts, on *.substack.com and on the custom
-- domains of Substack publications (recognised by their substackcdn.com
-- assets).  Removes the subscribe widgets and "Subscribe now"/"Share"
-- buttons the editor drops into posts, the like/comment/share bar
-- (post-ufi), the comment section, the post footer and the publication
-- footer with its Substack call to action.
return {
  api = 1,
  sites = { "*" },
  when = ":is(link[href*='substackcdn.com'], script[src*='substackcdn.com'])",

  remove = {
    ".subscription-widget-wrap",
    ".subscribe-widget",
    "[data-component-name='SubscribeWidget']",
    "p.button-wrapper",
    ".captioned-button-wrap",
    ".post-ufi",
    ".comments-section",
    "#discussion",
    ".post-footer",
    ".footer-wrap",
    ".publication-footer",
  },
}
