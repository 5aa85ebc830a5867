-- a message while a page is cleaned names the page
return {
  api = 1,
  Document = function(doc)
    winnow.log("info", "seen a " .. doc.kind .. " document")
  end,
}
