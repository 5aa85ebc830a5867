-- 300 selectors compiled after `when`: the cache grows several times and
-- every selector kept by the script must stay valid
local r = {}
for i = 1, 300 do r[i] = ".c" .. i end
r[#r + 1] = ".newsletter"
return { api = 1, when = "h1", remove = r }
