-- bbc.com: BBC News stories ("story-body" layout; the same markup is
-- served on bbc.co.uk, which scripts/sites/index maps to this script).
-- Removes the screen-reader labels and credits of pictures ("Image
-- copyright", "Image caption", "Media caption"), the "Media playback is
-- unsupported" placeholder, the "Report" links and copyright labels of
-- embedded posts, the share tools, topic tags, "More on this story",
-- "Top stories" and "Most read" columns, and the ad and Outbrain slots.
return {
  api = 1,
  sites = { "bbc.com", "bbc.co.uk" },

  remove = {
    -- picture furniture
    "figure span.off-screen",
    "figcaption span.off-screen",
    ".story-image-copyright",
    ".player-with-placeholder__caption",
    ".embed-report",
    ".embed-report-js",
    "a.embed-original-post-link",
    -- share and recirculation
    "#share-tools",
    ".share",
    ".story-body__mini-info-list-and-share .share",
    "#topic-tags",
    ".tags-container",
    ".story-more",
    ".more-on-this-story",
    "#comp-top-stories-promo",
    "#comp-most-popular",
    -- ads
    ".bbccom_advert",
    "[id^='bbccom_outbrain']",
    "[id^='bbccom_adsense']",
    "[id^='bbccom_inread']",
    "[id^='bbccom_sponsor_section']",
    "[data-testid='ad-unit']",
  },
}
