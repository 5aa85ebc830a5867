-- wordpress.lua: sites built with WordPress (any host: the page must
-- carry WordPress's generator tag or load files from /wp-content/).
-- Removes the clutter that common themes and plugins add around a
-- post: Jetpack sharing (sharedaddy), Jetpack related posts, Jetpack
-- subscribe blocks and widgets, AddToAny, Elementor share and author
-- boxes, YARPP and other related-post lists, social-link blocks, the
-- previous/next post navigation, author boxes and bios, the comment
-- list and reply form.  Only theme and plugin containers are matched,
-- never the post content's own blocks.
return {
  api = 1,
  sites = { "*" },
  when = ":is(meta[name='generator'][content^='WordPress'], "
      .. "link[href*='/wp-content/'], script[src*='/wp-content/'])",

  remove = {
    -- sharing
    ".sharedaddy",
    ".addtoany_share_save_container",
    ".addtoany_content",
    ".elementor-widget-share-buttons",
    ".wp-block-social-links",
    -- related posts
    "#jp-relatedposts",
    ".jp-relatedposts",
    ".yarpp-related",
    ".yarpp",
    ".related-posts",
    ".crp_related",
    -- subscribe / newsletter blocks
    ".wp-block-jetpack-subscriptions",
    ".jetpack_subscription_widget",
    ".wp-block-jetpack-mailchimp",
    ".wp-block-newsletter",
    ".wp-block-newsletterglue-form",
    ".mc4wp-form",
    -- post navigation
    "nav.post-navigation",
    ".post-navigation",
    ".wp-block-post-navigation-link",
    ".elementor-widget-post-navigation",
    -- author boxes
    ".author-box",
    ".author-bio",
    ".elementor-widget-author-box",
    -- comments
    "#comments",
    ".comments-area",
    "#respond",
    ".comment-respond",
    ".wp-block-comments",
    ".wp-block-post-comments-form",
  },
}
