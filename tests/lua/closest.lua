-- node:matches and node:closest, with the page changing between calls
return {
  api = 1,
  rules = {
    { css = "p", fn = function(n)
        local box = n:closest("div.box")
        if box then
          -- removing the box changes the page for the next node
          box:remove()
          return nil
        end
        if n:matches("article > p#p3") then return winnow.el("p", nil, { "p3 matched" }) end
        if n:matches("#p1, .nothing") then
          if n:closest("article") and not n:closest("aside") then
            return winnow.el("p", nil, { "p1 inside article" })
          end
        end
      end },
  },
}
