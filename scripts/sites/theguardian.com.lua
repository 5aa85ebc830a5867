-- theguardian.com: Guardian articles, both the older "content__article-
-- body" pages and the current ones (DCR: generated dcr-* classes, so
-- this rule goes by gu-island names, grid areas, roles and links).
-- Removes topics and "Reuse this content" (submeta), share buttons and
-- counts, the reader-revenue epic and sticky banner, "Most viewed",
-- onward and related rails, the "more than N months old" warning, the
-- lightbox buttons ("View image in fullscreen"), ad slots and the
-- copyright footer.  The standfirst, which the generic steps take for a
-- teaser on the current pages, is kept.
return {
  api = 1,
  sites = { "theguardian.com" },

  remove = {
    -- older pages
    ".submeta",
    ".meta__social",
    ".js-sharecount",
    "[data-component='share']",
    "aside.related",
    "#more-in-section",
    ".js-popular-trails",
    ".most-popular__container",
    ".top-banner-ad-container",
    "[id^='dfp-ad--']",
    ".really-serious-copyright",
    "label.reveal-caption",
    -- current pages
    "gu-island[name='ShareButton']",
    "gu-island[name='SlotBodyEnd']",
    "gu-island[name='StickyBottomBanner']",
    "gu-island[name='ReaderRevenueDev']",
    "gu-island[name='OnwardsUpper']",
    "gu-island[name='MostViewedRightWithAd']",
    "gu-island[name='MostViewedFooterData']",
    "gu-island[name='FooterReaderRevenueLinks']",
    "div[aria-hidden='true']:contains('This article is more than')",
    "button.open-lightbox",
  },

  rules = {
    { name = "standfirst", css = "[style*='grid-area:standfirst'] p",
      action = "keep" },
  },
}
