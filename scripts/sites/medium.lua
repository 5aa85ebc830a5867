-- medium.lua: Medium stories, on medium.com, its subdomains and the
-- custom domains of Medium publications (recognised by Medium's app
-- meta tags).  Medium's class names are generated, so this rule goes by
-- the marks Medium itself puts on reader chrome: `speechify-ignore`
-- (byline with follow button, read time, clap/response/share bar,
-- "Press enter or click to view image in full size"), and the labelled
-- buttons (Listen, Share Post, responses, Get the Medium app).
return {
  api = 1,
  sites = { "*" },
  when = "meta[property='al:ios:app_name'][content='Medium']",

  remove = {
    "article .speechify-ignore",
    "button[aria-label='Listen']",
    "button[aria-label='Share Post']",
    "button[aria-label='responses']",
    "button[aria-label='Get the Medium app']",
  },
}
