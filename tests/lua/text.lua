-- text documents: blocks are paragraphs
return {
  api = 1,
  Document = function(doc)
    assert(doc.kind == "text")
    for _, b in ipairs(doc:blocks()) do
      if b:text():match("^Advertisement") then b:remove() end
    end
  end,
}
