-- usatoday.com: USA TODAY stories (both the older "article-wrapper"
-- layout and the current "truncationWrap" one).
-- Removes the video player block at the head of stories (its title,
-- description, credit and Show/Hide Caption toggles), newsletter
-- sign-up paragraphs (marked exclude-from-newsgate by the site), the
-- share buttons, partner ad banners, picture credits, the repeated
-- publish date of the footer and the Taboola block.
return {
  api = 1,
  sites = { "usatoday.com" },

  remove = {
    "div.videoWrap",
    "#videoDetailsToggle",
    ".media-image-credit",
    ".image-credit",
    "p.exclude-from-newsgate",
    "p:has(a[href*='profile.usatoday.com/newsletters'])",
    "div:has(> a.nsb-link)",
    "a.nsb-link",
    "partner-banner",
    ".footer-publish-date",
    ".footer-social-buttons",
    "[id^='taboola-']",
  },
}
