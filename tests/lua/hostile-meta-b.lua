-- sandbox test: the second script must see intact globals
return {
  api = 1,
  rules = {
    { css = "#p3", fn = function(n)
        if string.lower("ABC") ~= "abc" or not winnow or pwned then
          error("globals were changed by another script")
        end
        return winnow.text(string.lower("CHECKED BY B"))
      end },
  },
}
