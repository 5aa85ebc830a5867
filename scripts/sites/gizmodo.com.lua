-- gizmodo.com: Gizmodo posts (Kinja layout).
-- Removes the "Photo: ..." credit line under pictures (below-caption),
-- the story insets that advertise other posts inside the body, share
-- tools, the reading list, subscribe box, trending module, comments
-- iframe, Taboola, instream videos and the many ad containers.
return {
  api = 1,
  sites = { "gizmodo.com" },

  remove = {
    "figcaption.below-caption",
    "aside.inset--story",
    ".js_share-tools",
    ".js_reading-list",
    ".js_subscribe",
    "#trending_wrapper",
    "#trending-module",
    ".js_comments-iframe",
    "#taboola-below-article-thumbnails",
    ".instream-native-video",
    ".ad-container",
    ".ad-unit",
    ".ad-mobile",
    "[class*='dfp-slot-']",
    "#splashy-ad-container-top",
    "#swappable-mobile-ad-container",
  },
}
