-- nypost.com: New York Post articles (a WordPress site with its own
-- theme).  Removes the author flyout (archive, email, RSS links), the
-- "Most Popular Today" top-five widget that sits inside the byline, the
-- "Enlarge Image" modal trigger and picture credits, the share bars and
-- share counts, the "Read next" links, the "More on" tag boxes, the
-- trending and more-stories widgets, Outbrain and ad slots, and the
-- comment form.
return {
  api = 1,
  sites = { "nypost.com" },

  remove = {
    ".author-flyout",
    ".widget_nypost_top_five_widget",
    ".widget_nypost_trending_widget",
    ".widget-more-stories",
    "a.modal-trigger",
    "span.credit",
    ".img__credit",
    ".nyp-sharedaddy-wrapper",
    ".sharedaddy",
    ".article-share-top",
    ".desktop-share",
    ".mobile-share",
    ".floating-share",
    "#highlight-share",
    ".share-count",
    ".read-next-wrapper",
    "p.read-next",
    ".more-on__wrapper",
    "#more-on",
    ".inline-related",
    "[id^='outbrainContainer']",
    ".outbrain-enabled",
    ".ad-wrapper",
    "[id^='div-gpt-ad']",
    "p.section-tag",
    ".comments",
    "form.commentsblock",
  },
}
