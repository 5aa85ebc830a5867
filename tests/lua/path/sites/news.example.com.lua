return {
  api = 1,
  sites = { "news.example.com" },
  remove = { ".newsletter" },
}
