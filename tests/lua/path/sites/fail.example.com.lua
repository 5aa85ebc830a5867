-- removes the newsletter box, then fails: the removal must be undone
return {
  api = 1,
  remove = { ".newsletter" },
  Document = function(doc) error("deliberate failure") end,
}
