-- latimes.com: Los Angeles Times stories (Brightspot "ArticlePage"
-- layout).  Removes the promo cards ("PromoSmall"/"PromoXSmall") the
-- site embeds in the body and lists after it, the newsletter module,
-- social bars, the author bio box and bottom byline, tags, the content
-- footer, picture credits and the Google ad wrappers.
return {
  api = 1,
  sites = { "latimes.com" },

  remove = {
    ".Enhancement:has(> ps-promo)",
    "ps-promo",
    ".PromoSmall",
    ".PromoXSmall",
    ".NewsletterModule",
    ".SocialBar",
    ".ArticlePage-authorInfo",
    ".ArticlePage-bottomByline",
    ".ArticlePage-tags",
    ".ArticlePage-contentFooter",
    ".Figure-credit",
    ".GoogleDfpAd-wrapper",
  },
}
